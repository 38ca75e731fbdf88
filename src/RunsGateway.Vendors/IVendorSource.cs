using RunsGateway.Core;

namespace RunsGateway.Vendors;

/// <summary>One vendor's implementation of the <see cref="IRunSource"/> operations for a single key.</summary>
internal interface IVendorSource
{
    Vendor Vendor { get; }

    Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken);

    Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken);

    Task<Result<SpecPage>> GetSpecPageAsync(SpecPageRequest request, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<Spec>>> GetAllSpecsAsync(RunRef runRef, CancellationToken cancellationToken);
}

/// <summary>Re-validates references at the boundary where URLs are built (a <see cref="RunRef"/> can also be deserialised).</summary>
internal static class RefGuard
{
    public static Result<RunRef> Check(RunRef runRef, Vendor vendor)
    {
        ArgumentNullException.ThrowIfNull(runRef);
        return runRef.Vendor != vendor
            ? Result.Failure<RunRef>(VendorError.InvalidReference(vendor, $"The reference is for {runRef.Vendor.DisplayName()}, not {vendor.DisplayName()}."))
            : RunRef.Create(runRef.Vendor, runRef.RunId, runRef.Project);
    }

    /// <summary>
    /// <see cref="Check"/>, then whether the vendor can be called at all: a vendor with no base URL answers
    /// <c>VENDOR_NOT_CONFIGURED</c> before any request is built.
    /// </summary>
    public static Result<RunRef> CheckCallable(RunRef runRef, Vendor vendor, bool isConfigured)
    {
        var checkedRef = Check(runRef, vendor);
        return checkedRef.IsSuccess && !isConfigured ? Result.Failure<RunRef>(VendorError.NotConfigured(vendor)) : checkedRef;
    }
}

/// <summary>In-memory spec pages for vendors whose specs come whole (or were all read).</summary>
internal static class SpecPages
{
    /// <summary>Filters a spec list to the specs with a test of <paramref name="status"/>, each keeping only those tests.</summary>
    public static IReadOnlyList<Spec> FilterSpecs(IReadOnlyList<Spec> specs, TestStatus? status)
    {
        if (status is not { } wanted)
        {
            return specs;
        }

        var filtered = new List<Spec>();
        foreach (var spec in specs)
        {
            var tests = spec.Tests.Where(t => t.Status == wanted).ToArray();
            if (tests.Length > 0)
            {
                filtered.Add(spec with { Tests = tests });
            }
        }

        return filtered;
    }

    /// <summary>A complete, final first page (or an empty page past the end) over an in-memory spec list.</summary>
    public static SpecPage CompletePage(IReadOnlyList<Spec> specs, int pageNumber) =>
        pageNumber <= 1
            ? new SpecPage(specs, 1, Math.Max(specs.Count, SpecPage.UpstreamPageSize), specs.Count, HasNextPage: false)
            : new SpecPage([], pageNumber, SpecPage.UpstreamPageSize, specs.Count, HasNextPage: false);
}
