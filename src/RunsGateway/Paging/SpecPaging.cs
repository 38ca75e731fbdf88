using RunsGateway.Core;
using RunsGateway.Loading;
using RunsGateway.Schema;

namespace RunsGateway.Paging;

/// <summary>Answers spec pages that start past the end of the list locally, so sweeping cursors costs no vendor call or cache entry.</summary>
internal static class SpecPaging
{
    /// <summary>
    /// The empty page for an <paramref name="offset"/> at or past the (filtered) list's total count, or null when the page may hold
    /// specs. The total comes from page 1, which the run already holds (unfiltered) or which a filtered query loads anyway.
    /// </summary>
    public static async Task<SpecConnection?> PastTheEndAsync(Run run, int offset, TestStatus? status, SpecPageDataLoader pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pages);
        if (offset <= 0)
        {
            return null;
        }

        var firstPage = status is null
            ? run.FirstSpecPage
            : await pages.LoadAsync(new SpecPageKey(run, 1, status), cancellationToken).ConfigureAwait(false);
        var total = firstPage is null ? 0 : firstPage.TotalCount;
        if (total is not { } known || offset < known)
        {
            return null;
        }

        return new SpecConnection([], new PageInfo(HasNextPage: false, HasPreviousPage: true, StartCursor: null, EndCursor: null), known);
    }
}
