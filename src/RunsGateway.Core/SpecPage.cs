namespace RunsGateway.Core;

/// <summary>One upstream page of a run's specs.</summary>
/// <param name="Items">The specs on this page.</param>
/// <param name="PageNumber">The page number, from 1.</param>
/// <param name="PageSize">The page size used upstream.</param>
/// <param name="TotalCount">Total specs matching the request across all pages, when the vendor says.</param>
/// <param name="HasNextPage">Whether page <c>PageNumber + 1</c> exists.</param>
[System.ComponentModel.ImmutableObject(true)]
public sealed record SpecPage(IReadOnlyList<Spec> Items, int PageNumber, int PageSize, int? TotalCount, bool HasNextPage)
{
    /// <summary>The page size used for every NeetoPlaydash spec request (the vendor's maximum).</summary>
    public const int UpstreamPageSize = 100;

    /// <summary>An empty, final first page (vendors without specs).</summary>
    public static SpecPage Empty { get; } = new([], 1, UpstreamPageSize, 0, HasNextPage: false);
}

/// <summary>A request for one upstream page of a run's specs, usable as a DataLoader key.</summary>
/// <param name="Ref">The run.</param>
/// <param name="PageNumber">The page number, from 1 (pages hold <see cref="SpecPage.UpstreamPageSize"/> specs).</param>
/// <param name="Status">Only specs with at least one test of this status, each with only its matching tests; null for all.</param>
public sealed record SpecPageRequest(RunRef Ref, int PageNumber, TestStatus? Status = null);
