using System.Globalization;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Hosting;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.Ids;
using RunsGateway.Loading;

namespace RunsGateway.Schema;

/// <summary>The root fields: runs by vendor reference, any object by global id. References are validated before anything loads.</summary>
[QueryType]
internal sealed class QueryResolvers
{
    /// <summary>The most references one <c>runs</c> or <c>nodes</c> call may name.</summary>
    public const int MaxRefs = 100;

    public static ValueTask<Run?> GetRunAsync(Vendor vendor, string runId, string? project, RunByRefDataLoader runs, RequestBudget budget, IResolverContext context, CancellationToken cancellationToken)
    {
        var reference = CreateRef(vendor, runId, project);

        // Past the budget the field fails without throwing: a document of 1,000 aliases fails hundreds of fields, and a throw each
        // was most of what such a request cost.
        return budget.TryReserveRuns([reference])
            ? LoadRunAsync(reference, runs, context, cancellationToken)
            : ValueTask.FromException<Run?>(budget.Exceeded(1));
    }

    private static async ValueTask<Run?> LoadRunAsync(RunRef reference, RunByRefDataLoader runs, IResolverContext context, CancellationToken cancellationToken)
    {
        var run = await runs.LoadAsync(reference, cancellationToken).ConfigureAwait(false);
        HttpCacheHints.Record(context, run);
        return run;
    }

    public static ValueTask<List<object?>> GetRunsAsync(IReadOnlyList<RunRefInput> refs, RunByRefDataLoader runs, RequestBudget budget, IResolverContext context, CancellationToken cancellationToken)
    {
        var loading = LoadRunsAsync(refs, runs, budget, cancellationToken);
        return loading.IsCompletedSuccessfully ? new(Recorded(loading.Result, context)) : new(RecordWhenSettledAsync(loading.AsTask(), context));

        static async Task<List<object?>> RecordWhenSettledAsync(Task<List<object?>> loading, IResolverContext context) =>
            Recorded(await loading.ConfigureAwait(false), context);

        static List<object?> Recorded(List<object?> settled, IResolverContext context)
        {
            foreach (var item in settled)
            {
                HttpCacheHints.Record(context, item);
            }

            return settled;
        }
    }

    private static ValueTask<List<object?>> LoadRunsAsync(IReadOnlyList<RunRefInput> refs, RunByRefDataLoader runs, RequestBudget budget, CancellationToken cancellationToken)
    {
        if (refs.Count > MaxRefs)
        {
            throw VendorErrors.Invalid(VendorErrors.TooManyRefs, string.Create(CultureInfo.InvariantCulture, $"At most {MaxRefs} run references can be fetched at once; got {refs.Count}."));
        }

        var parsed = new RunRef?[refs.Count];
        Exception?[]? errors = null;
        var valid = new List<RunRef>(refs.Count);
        for (var i = 0; i < refs.Count; i++)
        {
            try
            {
                valid.Add(parsed[i] = CreateRef(refs[i].Vendor, refs[i].RunId, refs[i].Project));
            }
            catch (GraphQL.GraphQLException ex)
            {
                // One bad reference fails its own entry only.
                (errors ??= new Exception?[refs.Count])[i] = ex;
            }
        }

        // The field's runs count against the request's upstream budget before any of them loads (aliases cannot multiply calls).
        budget.ReserveRuns(valid);

        // Runs this instance holds answer at once; the rest wait for their batch, and the list settles when the last one has.
        var settled = new List<object?>(refs.Count);
        Task<Run?>?[]? pending = null;
        for (var i = 0; i < refs.Count; i++)
        {
            if (parsed[i] is not { } reference)
            {
                settled.Add(errors![i]);
                continue;
            }

            var load = runs.LoadAsync(reference, cancellationToken);
            if (load.IsCompletedSuccessfully)
            {
                settled.Add(load.Result);
            }
            else
            {
                settled.Add(null);
                (pending ??= new Task<Run?>?[refs.Count])[i] = load.AsTask();
            }
        }

        return pending is null ? new(settled) : new(SettleAsync(settled, pending));
    }

    public static Task<object?> GetNodeAsync(string id, RunByRefDataLoader runs, AllSpecsByRunDataLoader allSpecs, RequestBudget budget, IResolverContext context, CancellationToken cancellationToken)
    {
        // Answers by global id are not marked cacheable.
        HttpCacheHints.Record(context, null);
        budget.ReserveRuns(RunsOf([id]));
        return LoadNodeAsync(id, runs, allSpecs, cancellationToken);
    }

    public static Task<List<object?>> GetNodesAsync(IReadOnlyList<string> ids, RunByRefDataLoader runs, AllSpecsByRunDataLoader allSpecs, RequestBudget budget, IResolverContext context, CancellationToken cancellationToken)
    {
        HttpCacheHints.Record(context, null);

        if (ids.Count > MaxRefs)
        {
            throw VendorErrors.Invalid(VendorErrors.TooManyRefs, string.Create(CultureInfo.InvariantCulture, $"At most {MaxRefs} ids can be fetched at once; got {ids.Count}."));
        }

        budget.ReserveRuns(RunsOf(ids));
        return SettleAsync([.. ids.Select(id => LoadNodeAsync(id, runs, allSpecs, cancellationToken))]);
    }

    /// <summary>The runs that the well-formed ids among <paramref name="ids"/> name (bad ids fail on their own later).</summary>
    private static List<RunRef> RunsOf(IEnumerable<string> ids) =>
        [.. ids.Select(id => GlobalId.TryDecode(id, out var decoded) ? decoded?.Run : null).OfType<RunRef>()];

    private static RunRef CreateRef(Vendor vendor, string runId, string? project)
    {
        var result = RunRef.Create(vendor, runId, project);
        return result.TryGetValue(out var reference) ? reference : throw VendorErrors.ToException(result.Error!);
    }

    private static async Task<object?> LoadNodeAsync(string id, RunByRefDataLoader runs, AllSpecsByRunDataLoader allSpecs, CancellationToken cancellationToken)
    {
        if (!GlobalId.TryDecode(id, out var globalId) || globalId is null)
        {
            throw VendorErrors.Invalid(VendorErrors.InvalidId, "The id is not a RunsGateway global id.");
        }

        var run = await runs.LoadAsync(globalId.Run, cancellationToken).ConfigureAwait(false);
        if (run is null || globalId.Kind == NodeKind.Run)
        {
            return run;
        }

        var specs = await allSpecs.LoadAsync(run, cancellationToken).ConfigureAwait(false) ?? [];
        var spec = specs.FirstOrDefault(s => s.Id == globalId.SpecId);
        if (spec is null)
        {
            return null;
        }

        if (globalId.Kind == NodeKind.Spec)
        {
            return new SpecNode(run.Ref, spec);
        }

        var test = spec.Tests.FirstOrDefault(t => t.Id == globalId.TestId);
        return test is null ? null : new TestNode(run.Ref, spec.Id, test);
    }

    /// <summary>Waits for every item; a failed item becomes its exception, which the executor reports as an error at that index.</summary>
    private static Task<List<object?>> SettleAsync<T>(IReadOnlyList<Task<T>> items) =>
        SettleAsync(new List<object?>(new object?[items.Count]), [.. items]);

    /// <summary>Fills the entries of <paramref name="settled"/> still pending, each with its value or its exception.</summary>
    private static async Task<List<object?>> SettleAsync<T>(List<object?> settled, Task<T>?[] pending)
    {
        var waiting = pending.OfType<Task<T>>().ToArray();
        try
        {
            await Task.WhenAll(waiting).ConfigureAwait(false);
        }
        catch (Exception) when (waiting.Any(t => !t.IsCompletedSuccessfully))
        {
            // Reported per item below.
        }

        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i] is { } task)
            {
                settled[i] = task.IsCompletedSuccessfully ? task.Result : task.Exception?.InnerException ?? new OperationCanceledException();
            }
        }

        return settled;
    }
}
