namespace RunsGateway.Core;

/// <summary>A spec (test file or feature) with its tests.</summary>
/// <param name="Id">The vendor's spec id (NeetoPlaydash <c>spec_id</c>) or a stable derived id (TestVibe: <c>feature-{featureId}</c>).</param>
/// <param name="Name">The spec's name (NeetoPlaydash <c>file_name</c>, TestVibe <c>featureName</c>).</param>
/// <param name="FilePath">The spec's file path where the vendor has one (NeetoPlaydash <c>file_name</c>).</param>
/// <param name="Tests">The spec's tests; when the page was requested with a status filter, only the matching ones.</param>
public sealed record Spec(string Id, string Name, string? FilePath, IReadOnlyList<Test> Tests);
