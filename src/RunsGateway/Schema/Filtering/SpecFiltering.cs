using RunsGateway.Core;

namespace RunsGateway.Schema.Filtering;

/// <summary><c>SpecFilterInput</c>: every given field must match.</summary>
internal sealed record SpecFilterInput(
    IReadOnlyList<SpecFilterInput>? And,
    IReadOnlyList<SpecFilterInput>? Or,
    StringOperationFilterInput? Name,
    StringOperationFilterInput? FilePath)
{
    public bool Matches(Spec spec) =>
        (And is null || And.All(f => f.Matches(spec)))
        && (Or is not { Count: > 0 } || Or.Any(f => f.Matches(spec)))
        && (Name is null || Name.Matches(spec.Name))
        && (FilePath is null || FilePath.Matches(spec.FilePath));
}

/// <summary><c>SpecSortInput</c>: one field per entry.</summary>
internal sealed record SpecSortInput(SortEnumType? Name, SortEnumType? FilePath);

/// <summary>Filters and orders specs for <c>Run.specs</c>.</summary>
internal static class SpecFiltering
{
    public static List<Spec> Apply(IEnumerable<Spec> specs, SpecFilterInput? where, IReadOnlyList<SpecSortInput>? order)
    {
        var keys = order is null ? [] : Sorting.Keys(order, Key);
        return [.. Sorting.Order(specs.Where(s => where is null || where.Matches(s)), keys, spec => spec)];
    }

    private static Func<Spec, IComparable?>? Key(SpecSortInput entry) => entry switch
    {
        { Name: not null } => s => s.Name,
        { FilePath: not null } => s => s.FilePath,
        _ => null,
    };
}
