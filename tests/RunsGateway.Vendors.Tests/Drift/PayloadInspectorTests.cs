using System.Text;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace RunsGateway.Vendors.Tests.Drift;

public sealed class PayloadInspectorTests
{
    private const string NeetoRun = """
        { "project_id": "p", "run_id": "r", "status": "passed", "duration": 12.5, "tags": ["a"],
          "run_statistics": [{ "name": "Passed", "value": 1 }],
          "specs": [{ "spec_id": "s", "file_name": "a.spec.ts", "tests": [{ "test_id": "t", "title": "works", "status": "passed", "duration": 1.5 }] }],
          "pagination": { "total_records": 1, "total_pages": 1, "current_page_number": 1, "page_size": 100 } }
        """;

    private static PayloadShape Shape(Vendor vendor, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo) => VendorEndpoints.Find(vendor, typeInfo)!.Shape;

    private static List<DriftObservation>? Inspect(Vendor vendor, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo, string json) =>
        PayloadInspector.Inspect(Shape(vendor, typeInfo), Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Inspect_DocumentedCcExtractorExample_FindsNothing()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Examples", "ccextractor-run-documented.json"));

        Inspect(Vendor.CcExtractor, CcExtractorJsonContext.Default.CcExtractorRunDto, json).ShouldBeNull();
    }

    [Fact]
    public void Inspect_DocumentedNeetoPlaydashShape_FindsNothing() =>
        Inspect(Vendor.NeetoPlaydash, NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto, NeetoRun).ShouldBeNull();

    [Fact]
    public void Inspect_UnknownTopLevelField_ReportsUnknownFieldAtItsPath()
    {
        var found = Inspect(Vendor.Crewship, CrewshipJsonContext.Default.CrewshipRunDto, """{ "id": "run_1", "status": "running", "created_at": "2026-01-01T00:00:00Z", "priority": { "level": 3 } }""");

        found.ShouldBe([new DriftObservation("$.priority", DriftKind.UnknownField)]);
    }

    [Fact]
    public void Inspect_UnknownNestedTestStatus_ReportsUnknownValueOnceAtArrayPath()
    {
        var json = NeetoRun.Replace("\"title\": \"works\", \"status\": \"passed\"", "\"title\": \"works\", \"status\": \"quarantined\"", StringComparison.Ordinal)
            .Replace("\"tests\": [{", "\"tests\": [{ \"test_id\": \"u\", \"title\": \"also\", \"status\": \"quarantined\" }, {", StringComparison.Ordinal);

        var found = Inspect(Vendor.NeetoPlaydash, NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto, json);

        found.ShouldBe([new DriftObservation("$.specs[].tests[].status", DriftKind.UnknownValue)]);
    }

    [Fact]
    public void Inspect_AlwaysPresentFieldMissing_ReportsMissingField()
    {
        var found = Inspect(Vendor.TestVibe, TestVibeJsonContext.Default.TestVibeRunDto, """{ "runId": 4, "featureName": "Login" }""");

        found.ShouldBe([new DriftObservation("$.status", DriftKind.MissingField)]);
    }

    [Fact]
    public void Inspect_NumberAsString_ReportsWrongType()
    {
        var found = Inspect(Vendor.CcExtractor, CcExtractorJsonContext.Default.CcExtractorSummaryDto, """{ "run_id": "42", "total_samples": 3, "pass_count": 3, "fail_count": 0 }""");

        found.ShouldBe([new DriftObservation("$.run_id", DriftKind.WrongType)]);
    }

    [Fact]
    public void Inspect_ObjectWhereArrayExpected_ReportsWrongTypeAndSkipsIt()
    {
        var found = Inspect(Vendor.TestVibe, TestVibeJsonContext.Default.TestVibeRunDto, """{ "runId": 4, "status": "passed", "tests": { "name": "x" } }""");

        found.ShouldBe([new DriftObservation("$.tests", DriftKind.WrongType)]);
    }

    [Fact]
    public void Inspect_FreeFormField_AcceptsAnyJson()
    {
        var found = Inspect(Vendor.Crewship, CrewshipJsonContext.Default.CrewshipRunDto, """{ "id": "run_1", "status": "succeeded", "created_at": "2026-01-01T00:00:00Z", "input": [1, "a", { "b": null }], "output": "text" }""");

        found.ShouldBeNull();
    }

    [Fact]
    public void Inspect_NotJson_ReturnsWhatWasFoundWithoutThrowing()
    {
        var found = Inspect(Vendor.TestVibe, TestVibeJsonContext.Default.TestVibeRunDto, """{"status": "passed", "extra": 1, "tests": [<html>""");

        found.ShouldNotBeNull().ShouldContain(new DriftObservation("$.extra", DriftKind.UnknownField));
    }

    [Fact]
    public void Inspect_AnswerWithOnlyKnownFields_AllocatesNothing()
    {
        var shape = Shape(Vendor.NeetoPlaydash, NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto);
        var bytes = Encoding.UTF8.GetBytes(NeetoRun);
        PayloadInspector.Inspect(shape, bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = PayloadInspector.Inspect(shape, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        found.ShouldBeNull();
        allocated.ShouldBe(0);
    }

    [Fact]
    public void Shapes_EveryEndpoint_DerivesFieldsFromTheDto()
    {
        foreach (var endpoint in VendorEndpoints.All)
        {
            endpoint.Shape.Type.ShouldBe(ShapeType.Object);
            endpoint.Shape.Fields.ShouldNotBeEmpty();
            endpoint.Shape.Fields.Where(f => f.AlwaysPresent).ShouldNotBeEmpty(endpoint.Route);
        }
    }

    public static TheoryData<Vendor, string> DocumentedRunStatuses()
    {
        var data = new TheoryData<Vendor, string>();
        foreach (var endpoint in VendorEndpoints.All.Where(e => e.Route != "GET /runs/{run_id}/summary"))
        {
            var status = endpoint.Shape.Fields.Single(f => f.Name == "status");
            foreach (var value in status.Shape.KnownValues.ShouldNotBeNull())
            {
                // CCExtractor's `incomplete` is in the mapping table as UNKNOWN on purpose: known, so not drift, but not a state either.
                if (Encoding.UTF8.GetString(value) is var text && text != "incomplete")
                {
                    data.Add(endpoint.Vendor, text);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedRunStatuses))]
    public void KnownValues_DocumentedRunStatus_MapsToAKnownState(Vendor vendor, string status)
    {
        var state = vendor switch
        {
            Vendor.CcExtractor => CcExtractorMapper.MapStatus(status).State,
            Vendor.NeetoPlaydash => NeetoPlaydashMapper.MapStatus(status, isRunning: null).State,
            Vendor.TestVibe => TestVibeMapper.MapStatus(status, DateTimeOffset.UnixEpoch).State,
            _ => CrewshipMapper.MapStatus(status).State,
        };

        state.ShouldNotBe(RunState.Unknown);
    }
}
