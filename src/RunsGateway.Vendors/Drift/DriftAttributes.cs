namespace RunsGateway.Vendors.Drift;

/// <summary>Marks a DTO property whose field the vendor documents in every answer: its absence is reported as drift.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class AlwaysPresentAttribute : Attribute;

/// <summary>Marks a string DTO property whose documented values are a closed set: any other value is reported as drift.</summary>
/// <param name="values">The documented values (case-sensitive, as the vendor sends them).</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class KnownValuesAttribute(params string[] values) : Attribute
{
    /// <summary>The documented values.</summary>
    public IReadOnlyList<string> Values { get; } = values;
}
