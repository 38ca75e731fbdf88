using System.Globalization;
using RunsGateway.Core;
using RunsGateway.GraphQL;

namespace RunsGateway.Loading;

/// <summary>
/// One request's upstream budget: the distinct vendor resources it has cost so far (at most <see cref="RequestBudgetOptions.MaxUpstreamCalls"/>).
/// It also stands for the request in each vendor's <see cref="FairSlots"/>.
/// </summary>
internal sealed class RequestBudget(int maxResources)
{
    /// <summary>The stable error code of fields that would exceed the budget.</summary>
    public const string ExceededCode = "REQUEST_BUDGET_EXCEEDED";

    private readonly Lock _sync = new();
    // A run is counted by its reference (record equality); other resources by their cache key string.
    private readonly HashSet<object> _resources = [];
    private ExceededError? _lastExceeded;

    public int MaxResources => maxResources;

    /// <summary>Distinct resources counted so far.</summary>
    public int Used
    {
        get
        {
            lock (_sync)
            {
                return _resources.Count;
            }
        }
    }

    /// <summary>A budget with the configured limits (registered per request).</summary>
    public RequestBudget(Microsoft.Extensions.Options.IOptions<RequestBudgetOptions> options)
        : this(options.Value.MaxUpstreamCalls)
    {
    }

    /// <summary>
    /// Counts the runs a root field names before any of them is loaded; throws <c>REQUEST_BUDGET_EXCEEDED</c> for the whole field
    /// when they do not fit.
    /// </summary>
    public void ReserveRuns(IReadOnlyCollection<RunRef> runs)
    {
        if (!TryReserveRuns(runs))
        {
            throw Exceeded(runs.Count);
        }
    }

    /// <summary>Counts the runs a root field names before any of them is loaded; false (nothing counted) when they do not fit.</summary>
    public bool TryReserveRuns(IReadOnlyCollection<RunRef> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        lock (_sync)
        {
            var fresh = 0;
            foreach (var run in runs)
            {
                if (!_resources.Contains(run))
                {
                    fresh++;
                }
            }

            // Counted before de-duplication within the field, which can only over-count; the exact count follows when it does not fit.
            if (_resources.Count + fresh <= maxResources)
            {
                _resources.UnionWith(runs);
                return true;
            }
        }

        return TryTake(runs);
    }

    /// <summary>
    /// Counts every resource in <paramref name="resources"/> or none: true when all of them fit (resources counted before are free),
    /// false when together they would exceed the budget.
    /// </summary>
    public bool TryTake(IEnumerable<object> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        lock (_sync)
        {
            var fresh = resources.Where(r => !_resources.Contains(r)).Distinct().ToList();
            if (_resources.Count + fresh.Count > maxResources)
            {
                return false;
            }

            _resources.UnionWith(fresh);
            return true;
        }
    }

    /// <summary>
    /// The error of a field whose upstream resources do not fit the budget. Fields refused alike (same resources used and wanted) share
    /// one error, which the executor copies with each field's path: a document of 1,000 aliases past the budget builds its message once.
    /// </summary>
    public GraphQLException Exceeded(int wanted)
    {
        var used = Used;
        var last = Volatile.Read(ref _lastExceeded);
        if (last is null || last.Used != used || last.Wanted != wanted)
        {
            last = new ExceededError(used, wanted, new GraphQLError(
                string.Create(CultureInfo.InvariantCulture, $"This request would cost more than {maxResources} upstream calls ({used} used, {wanted} more wanted); split it into smaller requests."),
                extensions: new Dictionary<string, object?> { ["code"] = ExceededCode, ["maxUpstreamCalls"] = maxResources }));
            Volatile.Write(ref _lastExceeded, last);
        }

        return new GraphQLException(last.Error);
    }

    /// <summary>The resource key of a run (shared by the root fields' reservation and the run loader): its reference.</summary>
    public static object RunResource(RunRef run) => run;

    private sealed record ExceededError(int Used, int Wanted, GraphQLError Error);
}
