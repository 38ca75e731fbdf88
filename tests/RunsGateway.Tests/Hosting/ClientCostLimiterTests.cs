using Microsoft.Extensions.Options;
using RunsGateway.Hosting.Auth;

namespace RunsGateway.Tests.Hosting;

/// <summary>Cost points per client on a manual clock: debt, refill, Retry-After, other clients, exemptions and forgetting.</summary>
public sealed class ClientCostLimiterTests
{
    private readonly ManualTimeProvider _clock = new();

    private ClientCostLimiter Create(int costLimit, TimeSpan window, IDictionary<string, int>? clients = null)
    {
        var options = new GatewayRateLimitOptions { CostLimit = costLimit, Window = window };
        foreach (var (name, limit) in clients ?? new Dictionary<string, int>())
        {
            options.Clients[name] = limit;
        }

        return new ClientCostLimiter(Options.Create(options), _clock);
    }

    [Fact]
    public void TryAdmit_ClientWithPointsLeft_IsAdmittedUntilItsCostsExceedTheLimit()
    {
        var limiter = Create(100, TimeSpan.FromMinutes(1));

        var first = limiter.TryAdmit("ip:10.0.0.1", out _);
        var left = limiter.Charge("ip:10.0.0.1", 60);
        var second = limiter.TryAdmit("ip:10.0.0.1", out _);
        var debt = limiter.Charge("ip:10.0.0.1", 60);
        var third = limiter.TryAdmit("ip:10.0.0.1", out var retryAfter);

        first.ShouldBeTrue();
        left.ShouldBe(40);
        second.ShouldBeTrue("a client with points left is admitted, whatever its next request will cost");
        debt.ShouldBe(-20);
        third.ShouldBeFalse();
        // 21 points to earn back at 100 points per 60 s: 12.6 s.
        retryAfter.TotalSeconds.ShouldBe(12.6, tolerance: 0.001);
    }

    [Fact]
    public void TryAdmit_AfterTheRefillHasPaidTheDebt_AdmitsAgain()
    {
        var limiter = Create(100, TimeSpan.FromMinutes(1));
        limiter.Charge("key:hostile", 120);

        limiter.TryAdmit("key:hostile", out var retryAfter).ShouldBeFalse();
        _clock.Advance(retryAfter - TimeSpan.FromMilliseconds(100));
        var tooEarly = limiter.TryAdmit("key:hostile", out _);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        var onTime = limiter.TryAdmit("key:hostile", out _);

        tooEarly.ShouldBeFalse();
        onTime.ShouldBeTrue();
    }

    [Fact]
    public void Charge_OneClientInDebt_LeavesOtherClientsTheirOwnPoints()
    {
        var limiter = Create(10, TimeSpan.FromMinutes(1));

        limiter.Charge("ip:10.0.0.2", 500);

        limiter.TryAdmit("ip:10.0.0.2", out _).ShouldBeFalse();
        limiter.TryAdmit("ip:10.0.0.1", out _).ShouldBeTrue();
        limiter.Charge("ip:10.0.0.1", 5).ShouldBe(5);
    }

    [Fact]
    public void Charge_RefillNeverExceedsTheLimit()
    {
        var limiter = Create(100, TimeSpan.FromMinutes(1));
        limiter.Charge("sub:alice", 10);

        _clock.Advance(TimeSpan.FromHours(1));

        limiter.Charge("sub:alice", 0).ShouldBe(100);
    }

    [Fact]
    public void TryAdmit_ClientWithItsOwnLimit_UsesItAndZeroExemptsIt()
    {
        var limiter = Create(10, TimeSpan.FromMinutes(1), new Dictionary<string, int> { ["dashboard"] = 0, ["127.0.0.2"] = 1000 });

        limiter.Charge("key:dashboard", 1_000_000);
        var exempt = limiter.TryAdmit("key:dashboard", out _);
        var own = limiter.Charge("ip:127.0.0.2", 500);
        var other = limiter.Charge("key:other", 500);

        exempt.ShouldBeTrue();
        limiter.LimitOf("ip:127.0.0.2").ShouldBe(1000);
        own.ShouldBe(500);
        other.ShouldBe(-490);
        limiter.TryAdmit("key:other", out _).ShouldBeFalse();
    }

    [Fact]
    public void Charge_ManyClientsBackAtTheirFullBudget_AreForgotten()
    {
        var limiter = Create(10, TimeSpan.FromSeconds(1));
        for (var i = 0; i < ClientCostLimiter.SweepThreshold; i++)
        {
            limiter.Charge("ip:client-" + i, 1);
        }

        limiter.Charge("ip:in-debt", 1_000);
        _clock.Advance(TimeSpan.FromSeconds(1));
        limiter.Charge("ip:newcomer", 1);

        limiter.TrackedClients.ShouldBe(2, "the full buckets were dropped; the one still in debt and the newcomer remain");
        limiter.TryAdmit("ip:in-debt", out _).ShouldBeFalse();
    }
}
