using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;

public sealed class SubscriptionLimiterTests
{
    private static SubscriptionLimiter Create(int perAddress, int total)
        => new(Options.Create(new GraphQLSubscriptionOptions { MaxPerClientAddress = perAddress, MaxTotal = total }));

    [Fact]
    public void TryAcquire_TotalLimitReached_RefusesWithTotalLimit()
    {
        var limiter = Create(perAddress: 10, total: 2);
        using var first = limiter.TryAcquire("10.0.0.1", out _);
        using var second = limiter.TryAcquire("10.0.0.2", out _);

        var third = limiter.TryAcquire("10.0.0.3", out var error);

        third.ShouldBeNull();
        error!.Code.ShouldBe(GraphQLSubscriptionErrorCodes.LimitExceeded);
        error.Extensions!["limit"].ShouldBe("total");
    }

    [Fact]
    public void TryAcquire_AddressLimitReached_OtherAddressStillServed()
    {
        var limiter = Create(perAddress: 1, total: 10);
        using var first = limiter.TryAcquire("10.0.0.1", out _);

        var again = limiter.TryAcquire("10.0.0.1", out var error);
        using var other = limiter.TryAcquire("10.0.0.2", out _);

        again.ShouldBeNull();
        error!.Extensions!["limit"].ShouldBe("perClientAddress");
        other.ShouldNotBeNull();
    }

    [Fact]
    public void Dispose_SlotReleasedTwice_CountsOnce()
    {
        var limiter = Create(perAddress: 1, total: 1);
        var slot = limiter.TryAcquire("10.0.0.1", out _)!;

        slot.Dispose();
        slot.Dispose();
        using var next = limiter.TryAcquire("10.0.0.1", out _);

        next.ShouldNotBeNull();
        limiter.Total.ShouldBe(1);
    }
}
