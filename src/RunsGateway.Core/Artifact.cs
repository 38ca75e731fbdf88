namespace RunsGateway.Core;

/// <summary>A file uploaded with a run.</summary>
/// <param name="Kind">What it is (e.g. <c>trace</c>, <c>screenshot</c>).</param>
/// <param name="Path">Its path within the run's artifacts.</param>
/// <param name="SizeBytes">Its size in bytes (64-bit), when known.</param>
public sealed record Artifact(string Kind, string Path, long? SizeBytes);
