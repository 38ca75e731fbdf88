using RunsGateway.GraphQL.DataLoading;

namespace RunsGateway.GraphQL.Tests.DataLoading;

public sealed class BatchDataLoaderTests
{
    [Fact]
    public async Task LoadAsync_SameKeyTwice_ReturnsSameTaskAndLoadsKeyOnce()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler);

        var first = loader.LoadAsync(7, TestContext.Current.CancellationToken).AsTask();
        var second = loader.LoadAsync(7, TestContext.Current.CancellationToken).AsTask();

        (await first).ShouldBe("v7");
        (await second).ShouldBe("v7");
        loader.Batches.ShouldHaveSingleItem().ShouldBe([7]);
    }

    [Fact]
    public async Task LoadAsync_SameKeyWithoutToken_ReturnsIdenticalTask()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler);

        var first = loader.LoadAsync(1, CancellationToken.None).AsTask();
        var second = loader.LoadAsync(1, CancellationToken.None).AsTask();

        second.ShouldBeSameAs(first);
        await first;
    }

    [Fact]
    public async Task LoadManyAsync_SeveralKeys_OneBatchInKeyOrder()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler);

        var values = await loader.LoadManyAsync([3, 1, 2], TestContext.Current.CancellationToken);

        values.ShouldBe(["v3", "v1", "v2"]);
        loader.Batches.ShouldHaveSingleItem().ShouldBe([3, 1, 2]);
    }

    [Fact]
    public async Task LoadAsync_KeyMissingFromBatchResult_ReturnsNull()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler) { Missing = { 5 } };

        var value = await loader.LoadAsync(5, TestContext.Current.CancellationToken);

        value.ShouldBeNull();
    }

    [Fact]
    public async Task LoadAsync_KeyWithErrorResult_FailsOnlyThatKey()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler) { Failing = { 2 } };

        var good = loader.LoadAsync(1, TestContext.Current.CancellationToken).AsTask();
        var bad = loader.LoadAsync(2, TestContext.Current.CancellationToken).AsTask();
        scheduler.DispatchAll();

        (await good).ShouldBe("v1");
        var error = await Should.ThrowAsync<InvalidOperationException>(() => bad);
        error.Message.ShouldBe("key 2 failed");
        loader.Batches.Count.ShouldBe(1);
    }

    [Fact]
    public async Task LoadAsync_LoadsBeforeDispatch_AreOneBatch()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler);

        var tasks = Enumerable.Range(1, 10).Select(k => loader.LoadAsync(k, TestContext.Current.CancellationToken).AsTask()).ToList();
        loader.Batches.ShouldBeEmpty();
        scheduler.DispatchAll();

        (await Task.WhenAll(tasks)).ShouldBe(Enumerable.Range(1, 10).Select(k => "v" + k));
        loader.Batches.ShouldHaveSingleItem().Count.ShouldBe(10);
    }

    [Fact]
    public async Task LoadAsync_BatchFunctionThrows_FailsEveryKeyOfTheBatch()
    {
        var scope = new DataLoaderScope();
        var loader = scope.GetOrCreate<int, string>("broken", (_, _) => throw new TimeoutException("backend down"));

        var first = loader.LoadAsync(1, TestContext.Current.CancellationToken).AsTask();
        var second = loader.LoadAsync(2, TestContext.Current.CancellationToken).AsTask();

        (await Should.ThrowAsync<TimeoutException>(() => first)).Message.ShouldBe("backend down");
        await Should.ThrowAsync<TimeoutException>(() => second);
    }

    [Fact]
    public async Task LoadManyAsync_MoreKeysThanMaxBatchSize_SplitsIntoBatches()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler, new DataLoaderOptions { MaxBatchSize = 2 });

        var values = await loader.LoadManyAsync([1, 2, 3, 4, 5], TestContext.Current.CancellationToken);

        values.ShouldBe(["v1", "v2", "v3", "v4", "v5"]);
        loader.Batches.Select(b => b.Count).ShouldBe([2, 2, 1], ignoreOrder: true);
        loader.Batches.SelectMany(b => b).Order().ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public async Task LoadAsync_CancelledToken_ReturnsCancelledTaskWithoutLoading()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var task = loader.LoadAsync(1, cancellation.Token).AsTask();

        await Should.ThrowAsync<OperationCanceledException>(() => task);
        loader.Batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_CallerCancelsWhileBatchRuns_CallerIsCancelledAndBatchSeesScopeToken()
    {
        using var requestAborted = new CancellationTokenSource();
        var scope = new DataLoaderScope(requestAborted.Token);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = scope.GetOrCreate<int, string>("slow", async (keys, ct) =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return new Dictionary<int, Result<string>>();
        });

        var task = loader.LoadAsync(1, TestContext.Current.CancellationToken).AsTask();
        var batchToken = await started.Task;
        batchToken.ShouldBe(requestAborted.Token);
        await requestAborted.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task LoadAsync_AfterFailedBatch_RetriesTheKey()
    {
        var scope = new DataLoaderScope();
        var calls = 0;
        var loader = scope.GetOrCreate<int, string>("flaky", (keys, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("first call fails");
            }

            return Task.FromResult<IReadOnlyDictionary<int, Result<string>>>(keys.ToDictionary(k => k, k => (Result<string>)("v" + k)));
        });

        await Should.ThrowAsync<InvalidOperationException>(() => loader.LoadAsync(1, TestContext.Current.CancellationToken).AsTask());
        var value = await loader.LoadAsync(1, TestContext.Current.CancellationToken);

        value.ShouldBe("v1");
        calls.ShouldBe(2);
    }

    [Fact]
    public void GetOrCreate_SameNameTwice_ReturnsSameLoader()
    {
        var scope = new DataLoaderScope();

        var first = scope.GetOrCreate<int, string>("users", (_, _) => throw new NotSupportedException());
        var second = scope.GetOrCreate<int, string>("users", (_, _) => throw new NotSupportedException());
        var byType = scope.GetOrCreate(s => new RecordingLoader(s));
        var byTypeAgain = scope.GetOrCreate(s => new RecordingLoader(s));

        second.ShouldBeSameAs(first);
        byTypeAgain.ShouldBeSameAs(byType);
    }

    [Fact]
    public async Task LoadAsync_RequestTokenCancelledBeforeDispatch_KeyCancelledWithoutBatch()
    {
        // The scope's own token needs no registration per key: the batch observes it.
        using var request = new CancellationTokenSource();
        var scope = new DataLoaderScope(request.Token);
        var loader = new RecordingLoader(scope.Scheduler);
        scope.Enter();
        var pending = loader.LoadAsync(4, request.Token).AsTask();

        await request.CancelAsync();
        scope.Exit();

        await Should.ThrowAsync<OperationCanceledException>(() => pending);
        loader.Batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_OtherTokenCancelled_StopsWaitingWhileBatchPending()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler);
        using var caller = new CancellationTokenSource();
        var pending = loader.LoadAsync(4, caller.Token).AsTask();

        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => pending);
        loader.Batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_KeyAnsweredImmediately_CompletesSynchronouslyWithoutBatch()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler) { AtHand = { [4] = "held4" } };

        var load = loader.LoadAsync(4, TestContext.Current.CancellationToken);

        load.IsCompletedSuccessfully.ShouldBeTrue();
        (await load).ShouldBe("held4");
        scheduler.Scheduled.ShouldBe(0);
        loader.Batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_ImmediateAnswerGone_LaterLoadJoinsABatch()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler) { AtHand = { [4] = "held4" } };
        (await loader.LoadAsync(4, TestContext.Current.CancellationToken)).ShouldBe("held4");
        loader.AtHand.Remove(4);

        var later = loader.LoadAsync(4, TestContext.Current.CancellationToken).AsTask();
        scheduler.DispatchAll();

        (await later).ShouldBe("v4", "an answer at hand is asked again, not kept by the loader");
        loader.Asked.ShouldBe([4, 4]);
        loader.Batches.ShouldHaveSingleItem().ShouldBe([4]);
    }

    [Fact]
    public async Task LoadAsync_KeyAlreadyInABatch_WaitsForTheBatchEvenWhenItComesAtHandLater()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler);
        var first = loader.LoadAsync(4, TestContext.Current.CancellationToken).AsTask();
        loader.AtHand[4] = "held4";

        var second = loader.LoadAsync(4, TestContext.Current.CancellationToken).AsTask();
        scheduler.DispatchAll();

        (await first).ShouldBe("v4");
        (await second).ShouldBe("v4");
        loader.Batches.ShouldHaveSingleItem().ShouldBe([4]);
    }

    [Fact]
    public async Task LoadManyAsync_SomeKeysAtHand_BatchesOnlyTheOthersAndKeepsKeyOrder()
    {
        var scope = new DataLoaderScope();
        var loader = new RecordingLoader(scope.Scheduler) { AtHand = { [2] = "held2", [5] = "held5" } };

        var values = await loader.LoadManyAsync([1, 2, 3, 5], TestContext.Current.CancellationToken);

        values.ShouldBe(["v1", "held2", "v3", "held5"]);
        loader.Batches.ShouldHaveSingleItem().ShouldBe([1, 3]);
    }

    [Fact]
    public async Task LoadManyAsync_AllKeysAtHand_CompletesSynchronously()
    {
        var scheduler = new ManualBatchScheduler();
        var loader = new RecordingLoader(scheduler) { AtHand = { [1] = "held1", [2] = "held2" } };

        var values = loader.LoadManyAsync([2, 1], TestContext.Current.CancellationToken);

        values.IsCompletedSuccessfully.ShouldBeTrue();
        (await values).ShouldBe(["held2", "held1"]);
        scheduler.Scheduled.ShouldBe(0);
    }

    private sealed class ManualBatchScheduler : IBatchScheduler
    {
        private readonly List<Func<ValueTask>> _pending = [];

        public CancellationToken CancellationToken => CancellationToken.None;

        public int Scheduled { get; private set; }

        public void Schedule(Func<ValueTask> dispatch)
        {
            Scheduled++;
            _pending.Add(dispatch);
        }

        public void DispatchAll()
        {
            var due = _pending.ToList();
            _pending.Clear();
            foreach (var dispatch in due)
            {
                _ = dispatch().AsTask();
            }
        }
    }

    private sealed class RecordingLoader(IBatchScheduler scheduler, DataLoaderOptions? options = null)
        : BatchDataLoader<int, string>(scheduler, options)
    {
        public List<List<int>> Batches { get; } = [];

        public HashSet<int> Missing { get; } = [];

        public HashSet<int> Failing { get; } = [];

        /// <summary>Values answered at once, without a batch (an in-process cache, say).</summary>
        public Dictionary<int, string> AtHand { get; } = [];

        /// <summary>The keys <see cref="TryLoadImmediately"/> was asked about, in order.</summary>
        public List<int> Asked { get; } = [];

        protected override bool TryLoadImmediately(int key, out string? value)
        {
            Asked.Add(key);
            return AtHand.TryGetValue(key, out value);
        }

        protected override Task<IReadOnlyDictionary<int, Result<string>>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            lock (Batches)
            {
                Batches.Add([.. keys]);
            }

            var results = new Dictionary<int, Result<string>>();
            foreach (var key in keys.Where(k => !Missing.Contains(k)))
            {
                results[key] = Failing.Contains(key) ? new InvalidOperationException($"key {key} failed") : "v" + key;
            }

            return Task.FromResult<IReadOnlyDictionary<int, Result<string>>>(results);
        }
    }
}
