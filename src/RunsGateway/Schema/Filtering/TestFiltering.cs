using RunsGateway.Core;

namespace RunsGateway.Schema.Filtering;

/// <summary><c>TestFilterInput</c>: every given field must match; <c>and</c> and <c>or</c> combine nested filters.</summary>
internal sealed record TestFilterInput(
    IReadOnlyList<TestFilterInput>? And,
    IReadOnlyList<TestFilterInput>? Or,
    StringOperationFilterInput? Name,
    TestStatusOperationFilterInput? Status,
    StringOperationFilterInput? RawStatus,
    BooleanOperationFilterInput? Flaky,
    NullableOfFailureKindOperationFilterInput? FailureKind,
    IntOperationFilterInput? DurationMs,
    StringOperationFilterInput? Message)
{
    public bool Matches(Test test) =>
        (And is null || And.All(f => f.Matches(test)))
        && (Or is not { Count: > 0 } || Or.Any(f => f.Matches(test)))
        && (Name is null || Name.Matches(test.Name))
        && (Status is null || Status.Matches(test.Status))
        && (RawStatus is null || RawStatus.Matches(test.RawStatus))
        && (Flaky is null || Flaky.Matches(test.Flaky))
        && (FailureKind is null || FailureKind.Matches(test.FailureKind))
        && (DurationMs is null || DurationMs.Matches(test.DurationMs))
        && (Message is null || Message.Matches(test.Message));

    /// <summary>
    /// The one status every matching test must have, when the filter says so at its top level (directly or in a top-level
    /// <c>and</c>): a vendor that filters by status upstream can then send only those tests.
    /// </summary>
    public TestStatus? RequiredStatus() =>
        Status?.Single ?? And?.Select(f => f.RequiredStatus()).FirstOrDefault(s => s is not null);
}

/// <summary><c>TestSortInput</c>: one field per entry.</summary>
internal sealed record TestSortInput(
    SortEnumType? Name,
    SortEnumType? Status,
    SortEnumType? RawStatus,
    SortEnumType? Flaky,
    SortEnumType? FailureKind,
    SortEnumType? DurationMs);

/// <summary>Filters and orders tests for <c>Run.tests</c> and <c>Spec.tests</c>.</summary>
internal static class TestFiltering
{
    /// <summary>The tests of <paramref name="specs"/> that match, in the requested order (stable: ties keep the vendor's order).</summary>
    public static List<TestNode> Apply(RunRef run, IEnumerable<Spec> specs, TestStatus? status, TestFilterInput? where, IReadOnlyList<TestSortInput>? order)
    {
        var keys = order is null ? [] : Sorting.Keys(order, Key);
        var tests = specs.SelectMany(spec => spec.Tests
            .Where(t => (status is null || t.Status == status) && (where is null || where.Matches(t)))
            .Select(t => new TestNode(run, spec.Id, t)));
        return [.. Sorting.Order(tests, keys, node => node.Test)];
    }

    private static Func<Test, IComparable?>? Key(TestSortInput entry) => entry switch
    {
        { Name: not null } => t => t.Name,
        { Status: not null } => t => t.Status,
        { RawStatus: not null } => t => t.RawStatus,
        { Flaky: not null } => t => t.Flaky,
        { FailureKind: not null } => t => t.FailureKind,
        { DurationMs: not null } => t => t.DurationMs,
        _ => null,
    };
}
