using System.ComponentModel;
using RunsGateway.Core;

namespace RunsGateway.Caching;

/// <summary>All specs of a run (every upstream page), as cached; immutable so the in-process tier hands out the stored object.</summary>
/// <param name="Items">The specs, in vendor order.</param>
[ImmutableObject(true)]
internal sealed record SpecList(IReadOnlyList<Spec> Items);
