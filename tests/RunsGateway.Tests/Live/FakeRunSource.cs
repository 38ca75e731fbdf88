using RunsGateway.Core;

namespace RunsGateway.Tests.Live;

/// <summary>A run source that answers every run request with the answer set last, and counts the calls.</summary>
internal sealed class FakeRunSource : IRunSource
{
    private Result<Run> _next = Result.Failure<Run>(new VendorError(VendorErrorKind.Unavailable, Vendor.Crewship, "no answer set"));
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void Respond(Run run) => Volatile.Write(ref _next, Result.Success(run));

    public void Respond(VendorError error) => Volatile.Write(ref _next, Result.Failure<Run>(error));

    public async Task WaitForCallsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls < count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public Task<IReadOnlyList<Result<Run>>> GetRunsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult<IReadOnlyList<Result<Run>>>([.. refs.Select(_ => Volatile.Read(ref _next))]);
    }

    public Task<IReadOnlyList<Result<Summary?>>> GetSummariesAsync(IReadOnlyList<Run> runs, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Result<SpecPage>>> GetSpecPagesAsync(IReadOnlyList<SpecPageRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Result<IReadOnlyList<Spec>>>> GetAllSpecsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken) => throw new NotSupportedException();
}
