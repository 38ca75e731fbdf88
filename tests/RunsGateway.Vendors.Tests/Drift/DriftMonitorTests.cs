using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Drift;

public sealed class DriftMonitorTests
{
    private const string DriftedRun = """{ "run_id": 42, "status": "on_hold", "repository": "secret/repo", "platform": "linux", "created_at": "2026-01-01T00:00:00Z", "sponsor": "ACME Corp" }""";

    [Fact]
    public void Inspect_SameAnswerTwice_CountsTwiceAndLogsEachFindingOnceWithoutValues()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == DriftMonitor.MetricName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var time = new ManualTimeProvider();
        var monitor = new DriftMonitor(meterFactory, time, loggerFactory.CreateLogger<DriftMonitor>());
        var body = Encoding.UTF8.GetBytes(DriftedRun);
        var first = RunRef.Create(Vendor.CcExtractor, "42", null).Value;

        monitor.Inspect(Vendor.CcExtractor, CcExtractorJsonContext.Default.CcExtractorRunDto, body, first);
        time.Advance(TimeSpan.FromMinutes(5));
        monitor.Inspect(Vendor.CcExtractor, CcExtractorJsonContext.Default.CcExtractorRunDto, body, RunRef.Create(Vendor.CcExtractor, "43", null).Value);

        var findings = monitor.Findings();
        findings.Select(f => (f.Path, f.Kind, f.Count)).ShouldBe([("$.sponsor", "unknown_field", 2L), ("$.status", "unknown_value", 2L)]);
        findings.ShouldAllBe(f => f.Vendor == "ccextractor" && f.Endpoint == "GET /runs/{run_id}" && f.ExampleRun == first.Key);
        findings.ShouldAllBe(f => f.LastSeen - f.FirstSeen == TimeSpan.FromMinutes(5));
        measurements.Count.ShouldBe(4);
        measurements.ShouldAllBe(m => m.Value == 1 && (string?)m.Tags["runsgateway.vendor"] == "ccextractor" && m.Tags.ContainsKey("runsgateway.drift.path") && m.Tags.ContainsKey("runsgateway.drift.kind"));
        var warnings = logs.Messages.ToArray();
        warnings.Length.ShouldBe(2);
        warnings.ShouldContain(m => m.Contains("$.sponsor", StringComparison.Ordinal) && m.Contains("unknown_field", StringComparison.Ordinal));
        warnings.ShouldAllBe(m => !m.Contains("on_hold", StringComparison.Ordinal) && !m.Contains("ACME", StringComparison.Ordinal) && !m.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Findings_SeededRunsOfEveryStatus_ReportNoDrift()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        foreach (var vendor in VendorExtensions.All)
        {
            var refs = (await host.RunsAsync(vendor)).GroupBy(r => r.Status).SelectMany(g => g.Take(2)).Select(r => r.Ref).ToArray();
            var runs = await host.Vendors.Source.GetRunsAsync(refs, ct);
            runs.ShouldAllBe(r => r.IsSuccess);
            if (vendor == Vendor.CcExtractor)
            {
                (await host.Vendors.Source.GetSummariesAsync([.. runs.Select(r => r.Value)], ct)).ShouldAllBe(r => r.IsSuccess);
            }
        }

        host.Vendors.Services.GetRequiredService<IVendorDriftReport>().Findings().ShouldBeEmpty();
    }
}
