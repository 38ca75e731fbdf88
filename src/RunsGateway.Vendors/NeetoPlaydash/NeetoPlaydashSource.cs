using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash.Dto;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>
/// NeetoPlaydash runs: summary from <c>run_statistics</c>, specs paged upstream with <c>page_size</c> 100 and fetched only as far as asked.
/// </summary>
internal sealed class NeetoPlaydashSource(IServiceProvider services, IOptions<NeetoPlaydashOptions> options, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.NeetoPlaydash";

    private readonly Lazy<INeetoPlaydashApi> _api = new(services.GetRequiredService<INeetoPlaydashApi>);

    /// <summary>A bound on upstream pages read for one run (100 000 specs), so a lying <c>total_pages</c> cannot loop us.</summary>
    internal const int MaxPages = 1000;

    public Vendor Vendor => Vendor.NeetoPlaydash;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var dto = await GetPageDtoAsync(runRef, 1, null, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? NeetoPlaydashMapper.MapRun(RefGuard.Check(runRef, Vendor).Value, dto.Value) : Result.Failure<Run>(dto.Error);
    }

    public Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Task.FromResult(Result.Success(run.Summary));
    }

    public async Task<Result<SpecPage>> GetSpecPageAsync(SpecPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageNumber = Math.Max(1, request.PageNumber);
        if (request.Status is not { } status)
        {
            return await GetPageAsync(request.Ref, pageNumber, null, null, cancellationToken).ConfigureAwait(false);
        }

        var rawStatuses = NeetoPlaydashMapper.RawTestStatuses(status);
        if (rawStatuses.Count == 1)
        {
            // One vendor value: the upstream filter pages exactly like the unified one.
            return await GetPageAsync(request.Ref, pageNumber, rawStatuses[0], status, cancellationToken).ConfigureAwait(false);
        }

        if (status == TestStatus.Pending)
        {
            // No NeetoPlaydash test status maps to PENDING; confirm the run exists, then answer empty.
            var first = await GetPageAsync(request.Ref, 1, null, null, cancellationToken).ConfigureAwait(false);
            return first.Map(_ => SpecPages.CompletePage([], pageNumber));
        }

        // Several vendor values (or none, for OTHER): one upstream filter cannot express it, so read every page in order and filter here.
        var all = await GetAllSpecsAsync(request.Ref, cancellationToken).ConfigureAwait(false);
        return all.Map(specs => SpecPages.CompletePage(SpecPages.FilterSpecs(specs, status), pageNumber));
    }

    public async Task<Result<IReadOnlyList<Spec>>> GetAllSpecsAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var first = await GetPageDtoAsync(runRef, 1, null, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess)
        {
            return Result.Failure<IReadOnlyList<Spec>>(first.Error);
        }

        var pages = new List<NeetoPlaydashRunDto> { first.Value };
        var totalPages = Math.Min(first.Value.Pagination?.TotalPages ?? 1, MaxPages);
        if (totalPages > 1)
        {
            // The remaining pages in parallel; the vendor's concurrency limit still applies to each call.
            var rest = await Task.WhenAll(Enumerable.Range(2, totalPages - 1)
                .Select(page => GetPageDtoAsync(runRef, page, null, cancellationToken))).ConfigureAwait(false);
            foreach (var page in rest)
            {
                if (!page.IsSuccess)
                {
                    return Result.Failure<IReadOnlyList<Spec>>(page.Error);
                }

                pages.Add(page.Value);
            }
        }

        var specs = new List<Spec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var spec in NeetoPlaydashMapper.MapSpecPage(pages[i], i + 1, null).Items)
            {
                // Specs are de-duplicated by id in case the run grew between page reads.
                if (seen.Add(spec.Id))
                {
                    specs.Add(spec);
                }
            }
        }

        return Result.Success<IReadOnlyList<Spec>>(specs);
    }

    private async Task<Result<SpecPage>> GetPageAsync(RunRef runRef, int pageNumber, string? rawStatus, TestStatus? status, CancellationToken cancellationToken)
    {
        var dto = await GetPageDtoAsync(runRef, pageNumber, rawStatus, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? Result.Success(NeetoPlaydashMapper.MapSpecPage(dto.Value, pageNumber, status)) : Result.Failure<SpecPage>(dto.Error);
    }

    /// <summary>Reads <c>{"error": "text"}</c>.</summary>
    internal static VendorErrorBody ParseError(ReadOnlyMemory<byte> body)
    {
        var dto = JsonSerializer.Deserialize(body.Span, NeetoPlaydashJsonContext.Default.NeetoPlaydashErrorDto);
        return new VendorErrorBody(null, dto?.Error, null);
    }

    /// <summary>One upstream page of the run (<c>page_size</c> 100, optionally filtered by one vendor test status).</summary>
    private async Task<Result<NeetoPlaydashRunDto>> GetPageDtoAsync(RunRef runRef, int page, string? rawStatus, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.CheckCallable(runRef, Vendor, options.Value.IsConfigured);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<NeetoPlaydashRunDto>(checkedRef.Error);
        }

        return await VendorResponseReader.ReadAsync(
            Vendor,
            ct => _api.Value.GetRunAsync(checkedRef.Value.Project!, checkedRef.Value.RunId, page, SpecPage.UpstreamPageSize, rawStatus, ct),
            NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto,
            ParseError,
            timeProvider,
            telemetry,
            checkedRef.Value,
            cancellationToken).ConfigureAwait(false);
    }
}
