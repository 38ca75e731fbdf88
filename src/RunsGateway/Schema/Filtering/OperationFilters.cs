using RunsGateway.Core;

namespace RunsGateway.Schema.Filtering;

// The operation inputs of HotChocolate.Data's filtering, as records the typed API binds. Every given operation must hold;
// an absent (or null) operand is no condition.

/// <summary><c>StringOperationFilterInput</c>: ordinal, case-sensitive string conditions.</summary>
internal sealed record StringOperationFilterInput(
    IReadOnlyList<StringOperationFilterInput>? And,
    IReadOnlyList<StringOperationFilterInput>? Or,
    string? Eq,
    string? Neq,
    string? Contains,
    string? Ncontains,
    IReadOnlyList<string?>? In,
    IReadOnlyList<string?>? Nin,
    string? StartsWith,
    string? NstartsWith,
    string? EndsWith,
    string? NendsWith)
{
    public bool Matches(string? value) =>
        (And is null || And.All(f => f.Matches(value)))
        && (Or is not { Count: > 0 } || Or.Any(f => f.Matches(value)))
        && (Eq is null || value == Eq)
        && (Neq is null || value != Neq)
        && (Contains is null || value?.Contains(Contains, StringComparison.Ordinal) == true)
        && (Ncontains is null || value?.Contains(Ncontains, StringComparison.Ordinal) != true)
        && (In is null || In.Contains(value))
        && (Nin is null || !Nin.Contains(value))
        && (StartsWith is null || value?.StartsWith(StartsWith, StringComparison.Ordinal) == true)
        && (NstartsWith is null || value?.StartsWith(NstartsWith, StringComparison.Ordinal) != true)
        && (EndsWith is null || value?.EndsWith(EndsWith, StringComparison.Ordinal) == true)
        && (NendsWith is null || value?.EndsWith(NendsWith, StringComparison.Ordinal) != true);
}

/// <summary><c>IntOperationFilterInput</c>: comparisons; a null value fails every positive comparison.</summary>
internal sealed record IntOperationFilterInput(
    int? Eq,
    int? Neq,
    IReadOnlyList<int?>? In,
    IReadOnlyList<int?>? Nin,
    int? Gt,
    int? Ngt,
    int? Gte,
    int? Ngte,
    int? Lt,
    int? Nlt,
    int? Lte,
    int? Nlte)
{
    public bool Matches(long? value) =>
        (Eq is null || value == Eq)
        && (Neq is null || value != Neq)
        && (In is null || In.Any(v => v == value))
        && (Nin is null || !Nin.Any(v => v == value))
        && (Gt is null || value > Gt)
        && (Ngt is null || !(value > Ngt))
        && (Gte is null || value >= Gte)
        && (Ngte is null || !(value >= Ngte))
        && (Lt is null || value < Lt)
        && (Nlt is null || !(value < Nlt))
        && (Lte is null || value <= Lte)
        && (Nlte is null || !(value <= Nlte));
}

/// <summary><c>BooleanOperationFilterInput</c>.</summary>
internal sealed record BooleanOperationFilterInput(bool? Eq, bool? Neq)
{
    public bool Matches(bool value) => (Eq is null || value == Eq) && (Neq is null || value != Neq);
}

/// <summary><c>TestStatusOperationFilterInput</c>.</summary>
internal sealed record TestStatusOperationFilterInput(TestStatus? Eq, TestStatus? Neq, IReadOnlyList<TestStatus>? In, IReadOnlyList<TestStatus>? Nin)
{
    public bool Matches(TestStatus value) =>
        (Eq is null || value == Eq)
        && (Neq is null || value != Neq)
        && (In is null || In.Contains(value))
        && (Nin is null || !Nin.Contains(value));

    /// <summary>The one status these conditions require, if they require exactly one.</summary>
    public TestStatus? Single => Eq ?? (In is [var only] ? only : null);
}

/// <summary><c>NullableOfFailureKindOperationFilterInput</c>.</summary>
internal sealed record NullableOfFailureKindOperationFilterInput(FailureKind? Eq, FailureKind? Neq, IReadOnlyList<FailureKind?>? In, IReadOnlyList<FailureKind?>? Nin)
{
    public bool Matches(FailureKind? value) =>
        (Eq is null || value == Eq)
        && (Neq is null || value != Neq)
        && (In is null || In.Contains(value))
        && (Nin is null || !Nin.Contains(value));
}
