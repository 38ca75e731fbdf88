using System.Globalization;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.Ids;
using RunsGateway.Loading;
using RunsGateway.Schema.Filtering;
using RunsGateway.Paging;

namespace RunsGateway.Schema;

/// <summary>
/// The <c>Run</c> fields that are not properties of the Core <see cref="Run"/> record. Only <c>summary</c> (CCExtractor's separate
/// endpoint), <c>specs</c> (NeetoPlaydash pages beyond the first) and <c>tests</c> may call a vendor.
/// </summary>
[ExtendObjectType("Run")]
internal sealed class RunResolvers
{
    /// <summary>The most specs one <c>specs</c> page may hold.</summary>
    public const int MaxPageSize = 100;

    public static string GetId([Parent] Run run) => GlobalId.ForRun(run.Ref);

    public static ValueTask<Summary?> GetSummaryAsync([Parent] Run run, SummaryByRunDataLoader summaries, CancellationToken cancellationToken) =>
        run.Vendor.HasSeparateSummary()
            ? summaries.LoadAsync(run, cancellationToken)
            : new ValueTask<Summary?>(run.Summary);

    public static async Task<IReadOnlyList<TestNode>> GetTestsAsync(
        [Parent] Run run,
        TestStatus? status,
        TestFilterInput? where,
        IReadOnlyList<TestSortInput>? order,
        AllSpecsByRunDataLoader allSpecs,
        SpecPageDataLoader pages,
        CancellationToken cancellationToken)
    {
        if (!run.Vendor.HasSpecs())
        {
            return [];
        }

        // A vendor that filters by status sends only the specs with such tests, each listing only those tests.
        var upstreamStatus = run.Vendor.FiltersTestsByStatus() ? status ?? where?.RequiredStatus() : null;
        var specs = upstreamStatus is { } required
            ? await AllPagesAsync(run, required, pages, cancellationToken).ConfigureAwait(false)
            : await allSpecs.LoadAsync(run, cancellationToken).ConfigureAwait(false) ?? [];
        return TestFiltering.Apply(run.Ref, specs, status, where, order);
    }

    public static async Task<SpecConnection> GetSpecsAsync(
        [Parent] Run run,
        int? first,
        string? after,
        TestStatus? testStatus,
        SpecFilterInput? where,
        IReadOnlyList<SpecSortInput>? order,
        SpecPageDataLoader pages,
        AllSpecsByRunDataLoader allSpecs,
        CancellationToken cancellationToken)
    {
        var size = first ?? 30;
        if (size is < 1 or > MaxPageSize)
        {
            throw VendorErrors.Invalid("INVALID_PAGINATION", string.Create(CultureInfo.InvariantCulture, $"`first` must be between 1 and {MaxPageSize}; got {size}."));
        }

        var offset = 0;
        if (after is not null)
        {
            offset = SpecCursor.TryParse(after, out var next) switch
            {
                CursorStatus.Valid => next,
                CursorStatus.OutOfRange => throw VendorErrors.Invalid("INVALID_PAGINATION", "`after` names a position past any run's specs."),
                _ => throw VendorErrors.Invalid("INVALID_CURSOR", "`after` is not a cursor returned by this field."),
            };
        }

        if (!run.Vendor.HasSpecs())
        {
            return new SpecConnection([], new PageInfo(false, offset > 0, null, null), 0);
        }

        if (where is not null || order is not null)
        {
            // The gateway filters and orders the whole list; cursors index that list, so paging is stable for the same arguments.
            var all = testStatus is { } status
                ? await AllPagesAsync(run, status, pages, cancellationToken).ConfigureAwait(false)
                : await allSpecs.LoadAsync(run, cancellationToken).ConfigureAwait(false) ?? [];
            var matching = SpecFiltering.Apply(all, where, order);
            var window = matching.Skip(offset).Take(size).Select((spec, i) => new SpecEdge(SpecCursor.Encode(offset + i), new SpecNode(run.Ref, spec))).ToList();
            return new SpecConnection(
                window,
                new PageInfo(offset + window.Count < matching.Count, offset > 0, window.FirstOrDefault()?.Cursor, window.LastOrDefault()?.Cursor),
                matching.Count);
        }

        if (await SpecPaging.PastTheEndAsync(run, offset, testStatus, pages, cancellationToken).ConfigureAwait(false) is { } empty)
        {
            return empty;
        }

        // Upstream pages hold UpstreamPageSize specs; fetch only the pages that overlap [offset, offset + first].
        const int upstream = SpecPage.UpstreamPageSize;
        var edges = new List<SpecEdge>(size);
        var hasNext = false;
        int? total = null;
        for (var pageNumber = (offset / upstream) + 1; ; pageNumber++)
        {
            var page = pageNumber == 1 && testStatus is null
                ? run.FirstSpecPage
                : await pages.LoadAsync(new SpecPageKey(run, pageNumber, testStatus), cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            total ??= page.TotalCount;
            var pageStart = (pageNumber - 1) * upstream;
            for (var i = Math.Max(0, offset - pageStart); i < page.Items.Count; i++)
            {
                if (edges.Count == size)
                {
                    hasNext = true;
                    break;
                }

                edges.Add(new SpecEdge(SpecCursor.Encode(pageStart + i), new SpecNode(run.Ref, page.Items[i])));
            }

            // A page that holds more than one upstream page is the vendor's complete answer (a multi-value status filter).
            if (hasNext || !page.HasNextPage || page.Items.Count > upstream)
            {
                break;
            }

            if (edges.Count == size)
            {
                hasNext = true;
                break;
            }
        }

        return new SpecConnection(edges, new PageInfo(hasNext, offset > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor), total);
    }

    /// <summary>Every upstream page of the run's specs filtered by <paramref name="status"/> at the vendor.</summary>
    private static async Task<List<Spec>> AllPagesAsync(Run run, TestStatus status, SpecPageDataLoader pages, CancellationToken cancellationToken)
    {
        var specs = new List<Spec>();
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await pages.LoadAsync(new SpecPageKey(run, pageNumber, status), cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                return specs;
            }

            specs.AddRange(page.Items);

            // A page that holds more than one upstream page is the vendor's complete answer (a multi-value status filter).
            if (!page.HasNextPage || page.Items.Count > SpecPage.UpstreamPageSize)
            {
                return specs;
            }
        }
    }
}

/// <summary>Which vendors filter tests by status upstream.</summary>
internal static class VendorFiltering
{
    /// <summary>True for NeetoPlaydash, whose spec pages take a test status filter.</summary>
    public static bool FiltersTestsByStatus(this Vendor vendor) => vendor is Vendor.NeetoPlaydash;
}

/// <summary>The <c>Spec</c> fields that are not properties of <see cref="SpecNode"/>.</summary>
[ExtendObjectType("Spec")]
internal sealed class SpecResolvers
{
    public static IReadOnlyList<TestNode> GetTests([Parent] SpecNode spec, TestStatus? status, TestFilterInput? where, IReadOnlyList<TestSortInput>? order) =>
        TestFiltering.Apply(spec.Run, [spec.Spec], status, where, order);
}
