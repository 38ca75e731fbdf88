using RunsGateway.Loading;

namespace RunsGateway.Tests.Loading;

/// <summary>
/// A vendor's slots are shared fairly: a request alone may use every free slot, while others wait it gets no slot beyond its share,
/// and a freed slot goes to the waiting request that holds the fewest. Grants happen inside <c>AcquireAsync</c> and
/// <c>Dispose</c>, so every expectation below is checked synchronously, without timing.
/// </summary>
public sealed class FairSlotsTests
{
    private readonly object _requestA = new();
    private readonly object _requestB = new();
    private readonly object _requestC = new();
    private readonly object _requestD = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<FairSlots.Lease> Take(FairSlots slots, object owner, int count)
    {
        var leases = new List<FairSlots.Lease>();
        for (var i = 0; i < count; i++)
        {
            var pending = slots.AcquireAsync(owner, Token);
            pending.IsCompletedSuccessfully.ShouldBeTrue($"slot {i + 1} of {count} is granted at once");
            leases.Add(pending.Result);
        }

        return leases;
    }

    [Fact]
    public void AcquireAsync_NoOtherRequestWaits_OneRequestTakesEveryFreeSlot()
    {
        var slots = new FairSlots(capacity: 8, share: 2);

        Take(slots, _requestA, 8);

        slots.HeldBy(_requestA).ShouldBe(8);
        slots.Free.ShouldBe(0);
        slots.AcquireAsync(_requestA, Token).IsCompleted.ShouldBeFalse("every slot is taken");
    }

    [Fact]
    public void Dispose_AnotherRequestWaits_FreedSlotsGoToItUntilItHoldsAsMany()
    {
        var slots = new FairSlots(capacity: 4, share: 2);
        var a = Take(slots, _requestA, 4);
        var aMore = slots.AcquireAsync(_requestA, Token);
        var b1 = slots.AcquireAsync(_requestB, Token);
        var b2 = slots.AcquireAsync(_requestB, Token);

        a[0].Dispose();
        b1.IsCompletedSuccessfully.ShouldBeTrue("B holds nothing, A holds 3");
        aMore.IsCompleted.ShouldBeFalse("A is past its share while B waits");

        a[1].Dispose();
        b2.IsCompletedSuccessfully.ShouldBeTrue("B holds 1, A holds 2");
        aMore.IsCompleted.ShouldBeFalse();

        a[2].Dispose();
        aMore.IsCompletedSuccessfully.ShouldBeTrue("nobody else waits any more");
        slots.HeldBy(_requestA).ShouldBe(2);
        slots.HeldBy(_requestB).ShouldBe(2);
    }

    /// <summary>Four slots, a share of 1: A and B hold one each, C took the other two while nobody waited.</summary>
    private (FairSlots Slots, List<FairSlots.Lease> HeldByC) AAndBAtTheirShareBesideC()
    {
        var slots = new FairSlots(capacity: 4, share: 1);
        Take(slots, _requestA, 1);
        Take(slots, _requestB, 1);
        return (slots, Take(slots, _requestC, 2));
    }

    [Fact]
    public void Dispose_RequestsAtTheirShareWait_FreedSlotsKeptForANewcomer()
    {
        var (slots, heldByC) = AAndBAtTheirShareBesideC();
        var aMore = slots.AcquireAsync(_requestA, Token);
        var bMore = slots.AcquireAsync(_requestB, Token);

        heldByC.ForEach(lease => lease.Dispose());

        slots.Free.ShouldBe(2);
        aMore.IsCompleted.ShouldBeFalse("A holds its share and B waits");
        bMore.IsCompleted.ShouldBeFalse("B holds its share and A waits");
        slots.AcquireAsync(_requestD, Token).IsCompletedSuccessfully.ShouldBeTrue("D holds nothing, so a free slot is within its share");
    }

    [Fact]
    public async Task AcquireAsync_OtherWaiterCancelled_RequestAtItsShareGetsTheFreeSlots()
    {
        var (slots, heldByC) = AAndBAtTheirShareBesideC();
        using var bGivesUp = new CancellationTokenSource();
        var aMore = slots.AcquireAsync(_requestA, Token);
        var bMore = slots.AcquireAsync(_requestB, bGivesUp.Token);
        heldByC.ForEach(lease => lease.Dispose());

        await bGivesUp.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(bMore);
        aMore.IsCompletedSuccessfully.ShouldBeTrue("A is the only request waiting now");
        slots.HeldBy(_requestA).ShouldBe(2);
        slots.HeldBy(_requestB).ShouldBe(1);
    }

    [Fact]
    public void Dispose_SeveralRequestsWait_FreedSlotGoesToTheOneHoldingFewestThenTheOldestWaiter()
    {
        var slots = new FairSlots(capacity: 4, share: 4);
        var a = Take(slots, _requestA, 3);
        Take(slots, _requestB, 1);
        var aMore = slots.AcquireAsync(_requestA, Token);
        var bMore = slots.AcquireAsync(_requestB, Token);
        var c = slots.AcquireAsync(_requestC, Token);

        a[0].Dispose();
        c.IsCompletedSuccessfully.ShouldBeTrue("C holds none; B holds 1, A holds 2");
        aMore.IsCompleted.ShouldBeFalse();
        bMore.IsCompleted.ShouldBeFalse();

        a[1].Dispose();
        aMore.IsCompletedSuccessfully.ShouldBeTrue("A and B hold 1 each and wait; A's waiter is older");
        bMore.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Dispose_AllLeasesReturned_EverySlotIsFreeAndNoRequestIsTracked()
    {
        var slots = new FairSlots(capacity: 3, share: 1);
        var leases = Take(slots, _requestA, 3);

        leases.ForEach(lease => lease.Dispose());

        slots.Free.ShouldBe(3);
        slots.HeldBy(_requestA).ShouldBe(0);
    }
}
