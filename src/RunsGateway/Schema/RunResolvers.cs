using System.Globalization;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.Ids;
using RunsGateway.Loading;

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
            ? new ValueTask<Summary?>(summaries.LoadAsync(run, cancellationToken))
            : new ValueTask<Summary?>(run.Summary);

    public static async Task<IReadOnlyList<TestNode>> GetTestsAsync([Parent] Run run, TestStatus? status, AllSpecsByRunDataLoader allSpecs, CancellationToken cancellationToken)
    {
        if (!run.Vendor.HasSpecs())
        {
            return [];
        }

        var specs = await allSpecs.LoadAsync(run, cancellationToken).ConfigureAwait(false) ?? [];
        return TestsOf(run.Ref, specs, status);
    }

    public static async Task<SpecConnection> GetSpecsAsync([Parent] Run run, int? first, string? after, TestStatus? testStatus, SpecPageDataLoader pages, CancellationToken cancellationToken)
    {
        var size = first ?? 30;
        if (size is < 1 or > MaxPageSize)
        {
            throw VendorErrors.Invalid("INVALID_PAGINATION", string.Create(CultureInfo.InvariantCulture, $"`first` must be between 1 and {MaxPageSize}; got {size}."));
        }

        var offset = 0;
        if (after is not null)
        {
            offset = SpecCursor.Decode(after) is { } index
                ? index + 1
                : throw VendorErrors.Invalid("INVALID_CURSOR", "`after` is not a cursor returned by this field.");
        }

        if (!run.Vendor.HasSpecs())
        {
            return new SpecConnection([], new PageInfo(false, offset > 0, null, null), 0);
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

    internal static List<TestNode> TestsOf(RunRef run, IEnumerable<Spec> specs, TestStatus? status) =>
        [.. specs.SelectMany(spec => spec.Tests.Where(t => status is null || t.Status == status).Select(t => new TestNode(run, spec.Id, t)))];
}

/// <summary>The <c>Spec</c> fields that are not properties of <see cref="SpecNode"/>.</summary>
[ExtendObjectType("Spec")]
internal sealed class SpecResolvers
{
    public static IReadOnlyList<TestNode> GetTests([Parent] SpecNode spec, TestStatus? status) =>
        RunResolvers.TestsOf(spec.Run, [spec.Spec], status);
}
