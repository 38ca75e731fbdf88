using System.Globalization;
using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Ids;
using RunsGateway.Loading;
using RunsGateway.Paging;

namespace RunsGateway.Schema;

/// <summary>
/// The resolvers of the gateway schema (<c>Schema/Gateway.graphql</c>). Root fields validate references and load through
/// <see cref="RunLoaders"/>; object fields read the Core records directly and never call a vendor, except <c>Run.summary</c>
/// (CCExtractor's separate endpoint), <c>Run.specs</c> (NeetoPlaydash pages beyond the first) and <c>tests</c>.
/// </summary>
internal sealed class GatewayResolvers(RunLoaders loaders)
{
    /// <summary>The most references one <c>runs</c> or <c>nodes</c> call may name.</summary>
    public const int MaxRefs = 100;

    /// <summary>The most specs one <c>specs</c> page may hold.</summary>
    public const int MaxPageSize = 100;

    public IEnumerable<(string Type, string Field, FieldResolver Resolver)> All()
    {
        yield return ("Query", "run", RunAsync);
        yield return ("Query", "runs", RunsAsync);
        yield return ("Query", "node", NodeAsync);
        yield return ("Query", "nodes", NodesAsync);

        yield return ("Run", "id", Sync<Run>(r => GlobalId.ForRun(r.Ref)));
        yield return ("Run", "vendor", Sync<Run>(r => VendorErrors.EnumName(r.Vendor)));
        yield return ("Run", "runId", Sync<Run>(r => r.RunId));
        yield return ("Run", "project", Sync<Run>(r => r.Project));
        yield return ("Run", "name", Sync<Run>(r => r.Name));
        yield return ("Run", "state", Sync<Run>(r => GraphQLNames<RunState>.Name(r.State)));
        yield return ("Run", "result", Sync<Run>(r => GraphQLNames<RunResult>.Name(r.Result)));
        yield return ("Run", "rawStatus", Sync<Run>(r => r.RawStatus));
        yield return ("Run", "isFinished", Sync<Run>(r => r.IsFinished));
        yield return ("Run", "createdAt", Sync<Run>(r => r.CreatedAt));
        yield return ("Run", "queuedAt", Sync<Run>(r => r.QueuedAt));
        yield return ("Run", "startedAt", Sync<Run>(r => r.StartedAt));
        yield return ("Run", "completedAt", Sync<Run>(r => r.CompletedAt));
        yield return ("Run", "durationMs", Sync<Run>(r => ToInt(r.DurationMs)));
        yield return ("Run", "repository", Sync<Run>(r => r.Repository));
        yield return ("Run", "branch", Sync<Run>(r => r.Branch));
        yield return ("Run", "commitSha", Sync<Run>(r => r.CommitSha));
        yield return ("Run", "commitMessage", Sync<Run>(r => r.CommitMessage));
        yield return ("Run", "author", Sync<Run>(r => r.Author));
        yield return ("Run", "pullRequest", Sync<Run>(r => r.PullRequest));
        yield return ("Run", "platform", Sync<Run>(r => r.Platform));
        yield return ("Run", "ciBuildId", Sync<Run>(r => r.CiBuildId));
        yield return ("Run", "shards", Sync<Run>(r => r.Shards));
        yield return ("Run", "triggeredBy", Sync<Run>(r => r.TriggeredBy));
        yield return ("Run", "tags", Sync<Run>(r => r.Tags));
        yield return ("Run", "errorMessage", Sync<Run>(r => r.ErrorMessage));
        yield return ("Run", "log", Sync<Run>(r => r.Log));
        yield return ("Run", "input", Sync<Run>(r => r.Input is { } input ? JsonPlain.From(input) : null));
        yield return ("Run", "output", Sync<Run>(r => r.Output is { } output ? JsonPlain.From(output) : null));
        yield return ("Run", "summary", SummaryAsync);
        yield return ("Run", "specs", SpecsAsync);
        yield return ("Run", "tests", RunTestsAsync);
        yield return ("Run", "artifacts", Sync<Run>(r => r.Artifacts));

        yield return ("Summary", "total", Sync<Summary>(s => s.Total));
        yield return ("Summary", "passed", Sync<Summary>(s => s.Passed));
        yield return ("Summary", "failed", Sync<Summary>(s => s.Failed));
        yield return ("Summary", "skipped", Sync<Summary>(s => s.Skipped));
        yield return ("Summary", "pending", Sync<Summary>(s => s.Pending));
        yield return ("Summary", "other", Sync<Summary>(s => s.Other));
        yield return ("Summary", "flaky", Sync<Summary>(s => s.Flaky));
        yield return ("Summary", "missingOutput", Sync<Summary>(s => s.MissingOutput));
        yield return ("Summary", "errorCount", Sync<Summary>(s => s.ErrorCount));
        yield return ("Summary", "durationMs", Sync<Summary>(s => ToInt(s.DurationMs)));
        yield return ("Summary", "isFinal", Sync<Summary>(s => s.IsFinal));

        yield return ("Spec", "id", Sync<SpecNode>(s => GlobalId.ForSpec(s.Run, s.Spec.Id)));
        yield return ("Spec", "name", Sync<SpecNode>(s => s.Spec.Name));
        yield return ("Spec", "filePath", Sync<SpecNode>(s => s.Spec.FilePath));
        yield return ("Spec", "tests", context =>
        {
            var spec = (SpecNode)context.Parent!;
            var status = GraphQLNames<TestStatus>.Parse(context.Arguments.GetValueOrDefault("status"));
            return ValueTask.FromResult<object?>(TestsOf(spec.Run, [spec.Spec], status));
        });

        yield return ("Test", "id", Sync<TestNode>(t => GlobalId.ForTest(t.Run, t.SpecId, t.Test.Id)));
        yield return ("Test", "name", Sync<TestNode>(t => t.Test.Name));
        yield return ("Test", "status", Sync<TestNode>(t => GraphQLNames<TestStatus>.Name(t.Test.Status)));
        yield return ("Test", "rawStatus", Sync<TestNode>(t => t.Test.RawStatus));
        yield return ("Test", "flaky", Sync<TestNode>(t => t.Test.Flaky));
        yield return ("Test", "failureKind", Sync<TestNode>(t => t.Test.FailureKind is { } kind ? GraphQLNames<FailureKind>.Name(kind) : null));
        yield return ("Test", "durationMs", Sync<TestNode>(t => ToInt(t.Test.DurationMs)));
        yield return ("Test", "message", Sync<TestNode>(t => t.Test.Message));
        yield return ("Test", "messageTruncated", Sync<TestNode>(t => t.Test.Message is null ? null : t.Test.MessageTruncated));

        yield return ("Artifact", "kind", Sync<Artifact>(a => a.Kind));
        yield return ("Artifact", "path", Sync<Artifact>(a => a.Path));
        yield return ("Artifact", "sizeBytes", Sync<Artifact>(a => a.SizeBytes));

        yield return ("SpecConnection", "edges", Sync<SpecConnection>(c => c.Edges));
        yield return ("SpecConnection", "nodes", Sync<SpecConnection>(c => c.Nodes));
        yield return ("SpecConnection", "pageInfo", Sync<SpecConnection>(c => c.PageInfo));
        yield return ("SpecConnection", "totalCount", Sync<SpecConnection>(c => c.TotalCount));
        yield return ("SpecEdge", "cursor", Sync<SpecEdge>(e => e.Cursor));
        yield return ("SpecEdge", "node", Sync<SpecEdge>(e => e.Node));
        yield return ("PageInfo", "hasNextPage", Sync<PageInfo>(p => p.HasNextPage));
        yield return ("PageInfo", "hasPreviousPage", Sync<PageInfo>(p => p.HasPreviousPage));
        yield return ("PageInfo", "startCursor", Sync<PageInfo>(p => p.StartCursor));
        yield return ("PageInfo", "endCursor", Sync<PageInfo>(p => p.EndCursor));
    }

    /// <summary>The concrete GraphQL type of a <c>Node</c> value.</summary>
    public static string? NodeTypeName(object value) => value switch
    {
        Run => "Run",
        SpecNode => "Spec",
        TestNode => "Test",
        _ => null,
    };

    private static FieldResolver Sync<TParent>(Func<TParent, object?> read) =>
        context => ValueTask.FromResult(read((TParent)context.Parent!));

    private static int? ToInt(long? value) => value is { } v && v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    /// <summary>Reads a <c>Vendor</c> enum value (its GraphQL name is the vendor's slug in upper case).</summary>
    internal static Vendor? ParseVendor(object? value) => value switch
    {
        Vendor vendor => vendor,
        string name when VendorExtensions.TryParseSlug(name, out var vendor) => vendor,
        _ => null,
    };

    private static RunRef ParseRef(object? vendorValue, object? runId, object? project)
    {
        if (ParseVendor(vendorValue) is not { } vendor)
        {
            throw VendorErrors.Invalid(VendorErrors.InvalidRunRef, "A run reference needs a vendor: CCEXTRACTOR, NEETOPLAYDASH, TESTVIBE or CREWSHIP.");
        }

        var result = RunRef.Create(vendor, runId as string, project as string);
        return result.TryGetValue(out var reference) ? reference : throw VendorErrors.ToException(result.Error!);
    }

    private async ValueTask<object?> RunAsync(IResolverContext context)
    {
        var args = context.Arguments;
        var reference = ParseRef(args.GetValueOrDefault("vendor"), args.GetValueOrDefault("runId"), args.GetValueOrDefault("project"));
        loaders.ReserveRuns(context, [reference]);
        return await loaders.Runs(context).LoadAsync(reference, context.CancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<object?> RunsAsync(IResolverContext context)
    {
        var refs = context.Arguments.GetValueOrDefault("refs") as IReadOnlyList<object?> ?? [];
        if (refs.Count > MaxRefs)
        {
            throw VendorErrors.Invalid(VendorErrors.TooManyRefs, string.Create(CultureInfo.InvariantCulture, $"At most {MaxRefs} run references can be fetched at once; got {refs.Count}."));
        }

        var parsed = new List<(RunRef? Ref, Exception? Error)>(refs.Count);
        foreach (var item in refs)
        {
            var fields = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            try
            {
                parsed.Add((ParseRef(fields.GetValueOrDefault("vendor"), fields.GetValueOrDefault("runId"), fields.GetValueOrDefault("project")), null));
            }
            catch (GraphQL.GraphQLException ex)
            {
                // One bad reference fails its own entry only.
                parsed.Add((null, ex));
            }
        }

        loaders.ReserveRuns(context, [.. parsed.Where(p => p.Ref is not null).Select(p => p.Ref!)]);
        var loader = loaders.Runs(context);
        var items = parsed.Select(p => p.Ref is { } reference ? loader.LoadAsync(reference, context.CancellationToken) : Task.FromException<Run?>(p.Error!)).ToList();

        return await SettleAsync(items).ConfigureAwait(false);
    }

    /// <summary>Waits for every item; a failed item becomes its exception, which the executor reports as an error at that index.</summary>
    private static async Task<List<object?>> SettleAsync<T>(IReadOnlyList<Task<T>> items)
    {
        try
        {
            await Task.WhenAll(items).ConfigureAwait(false);
        }
        catch (Exception) when (items.Any(t => !t.IsCompletedSuccessfully))
        {
            // Reported per item below.
        }

        return [.. items.Select(t => t.IsCompletedSuccessfully ? t.Result : (object?)(t.Exception?.InnerException ?? new OperationCanceledException()))];
    }

    private async ValueTask<object?> NodeAsync(IResolverContext context)
    {
        var id = context.Arguments.GetValueOrDefault("id") as string;
        if (GlobalId.TryDecode(id, out var decoded) && decoded is not null)
        {
            loaders.ReserveRuns(context, [decoded.Run]);
        }

        return await LoadNodeAsync(context, id).ConfigureAwait(false);
    }

    private async ValueTask<object?> NodesAsync(IResolverContext context)
    {
        var ids = context.Arguments.GetValueOrDefault("ids") as IReadOnlyList<object?> ?? [];
        if (ids.Count > MaxRefs)
        {
            throw VendorErrors.Invalid(VendorErrors.TooManyRefs, string.Create(CultureInfo.InvariantCulture, $"At most {MaxRefs} ids can be fetched at once; got {ids.Count}."));
        }

        loaders.ReserveRuns(context, [.. ids.Select(id => GlobalId.TryDecode(id as string, out var decoded) ? decoded?.Run : null).OfType<RunRef>()]);
        var items = new List<Task<object?>>(ids.Count);
        foreach (var id in ids)
        {
            items.Add(LoadNodeAsync(context, id as string));
        }

        return await SettleAsync(items).ConfigureAwait(false);
    }

    private async Task<object?> LoadNodeAsync(IResolverContext context, string? id)
    {
        if (!GlobalId.TryDecode(id, out var globalId) || globalId is null)
        {
            throw VendorErrors.Invalid(VendorErrors.InvalidId, "The id is not a RunsGateway global id.");
        }

        var run = await loaders.Runs(context).LoadAsync(globalId.Run, context.CancellationToken).ConfigureAwait(false);
        if (run is null || globalId.Kind == NodeKind.Run)
        {
            return run;
        }

        var specs = await loaders.AllSpecs(context).LoadAsync(run, context.CancellationToken).ConfigureAwait(false) ?? [];
        var spec = specs.FirstOrDefault(s => s.Id == globalId.SpecId);
        if (spec is null)
        {
            return null;
        }

        if (globalId.Kind == NodeKind.Spec)
        {
            return new SpecNode(run.Ref, spec);
        }

        var test = spec.Tests.FirstOrDefault(t => t.Id == globalId.TestId);
        return test is null ? null : new TestNode(run.Ref, spec.Id, test);
    }

    private async ValueTask<object?> SummaryAsync(IResolverContext context)
    {
        var run = (Run)context.Parent!;
        if (!run.Vendor.HasSeparateSummary())
        {
            return run.Summary;
        }

        return await loaders.Summaries(context).LoadAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<object?> RunTestsAsync(IResolverContext context)
    {
        var run = (Run)context.Parent!;
        var status = GraphQLNames<TestStatus>.Parse(context.Arguments.GetValueOrDefault("status"));
        if (!run.Vendor.HasSpecs())
        {
            return Array.Empty<TestNode>();
        }

        var specs = await loaders.AllSpecs(context).LoadAsync(run, context.CancellationToken).ConfigureAwait(false) ?? [];
        return TestsOf(run.Ref, specs, status);
    }

    private static List<TestNode> TestsOf(RunRef run, IEnumerable<Spec> specs, TestStatus? status) =>
        [.. specs.SelectMany(spec => spec.Tests.Where(t => status is null || t.Status == status).Select(t => new TestNode(run, spec.Id, t)))];

    private async ValueTask<object?> SpecsAsync(IResolverContext context)
    {
        var run = (Run)context.Parent!;
        var first = context.Arguments.GetValueOrDefault("first") is int f ? f : 30;
        if (first is < 1 or > MaxPageSize)
        {
            throw VendorErrors.Invalid("INVALID_PAGINATION", string.Create(CultureInfo.InvariantCulture, $"`first` must be between 1 and {MaxPageSize}; got {first}."));
        }

        var offset = 0;
        if (context.Arguments.GetValueOrDefault("after") is string after)
        {
            offset = SpecCursor.TryParse(after, out var next) switch
            {
                CursorStatus.Valid => next,
                CursorStatus.OutOfRange => throw VendorErrors.Invalid("INVALID_PAGINATION", "`after` names a position past any run's specs."),
                _ => throw VendorErrors.Invalid("INVALID_CURSOR", "`after` is not a cursor returned by this field."),
            };
        }

        var status = GraphQLNames<TestStatus>.Parse(context.Arguments.GetValueOrDefault("testStatus"));
        if (!run.Vendor.HasSpecs())
        {
            return new SpecConnection([], new PageInfo(false, offset > 0, null, null), 0);
        }

        if (await SpecPaging.PastTheEndAsync(run, offset, status, loaders, context).ConfigureAwait(false) is { } empty)
        {
            return empty;
        }

        // Upstream pages hold UpstreamPageSize specs; fetch only the pages that overlap [offset, offset + first].
        const int size = SpecPage.UpstreamPageSize;
        var edges = new List<SpecEdge>(first);
        var hasNext = false;
        int? total = null;
        for (var pageNumber = (offset / size) + 1; ; pageNumber++)
        {
            var page = pageNumber == 1 && status is null
                ? run.FirstSpecPage
                : await loaders.SpecPages(context).LoadAsync(new SpecPageKey(run, pageNumber, status), context.CancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            total ??= page.TotalCount;
            var pageStart = (pageNumber - 1) * size;
            for (var i = Math.Max(0, offset - pageStart); i < page.Items.Count; i++)
            {
                if (edges.Count == first)
                {
                    hasNext = true;
                    break;
                }

                edges.Add(new SpecEdge(SpecCursor.Encode(pageStart + i), new SpecNode(run.Ref, page.Items[i])));
            }

            // A page that holds more than one upstream page is the vendor's complete answer (a multi-value status filter).
            if (hasNext || !page.HasNextPage || page.Items.Count > size)
            {
                break;
            }

            if (edges.Count == first)
            {
                hasNext = true;
                break;
            }
        }

        return new SpecConnection(edges, new PageInfo(hasNext, offset > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor), total);
    }
}

/// <summary>Turns a <see cref="JsonElement"/> into the engine's plain value shape (dictionaries, lists, strings, numbers, booleans, null).</summary>
internal static class JsonPlain
{
    public static object? From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => From(p.Value)) as IReadOnlyDictionary<string, object?>,
        JsonValueKind.Array => element.EnumerateArray().Select(From).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
