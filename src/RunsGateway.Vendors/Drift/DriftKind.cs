namespace RunsGateway.Vendors.Drift;

/// <summary>How a vendor answer departed from the shape the gateway reads.</summary>
public enum DriftKind
{
    /// <summary>A field the gateway's DTO does not know (added, or renamed from a known one).</summary>
    UnknownField,

    /// <summary>A field the vendor documents in every answer was absent.</summary>
    MissingField,

    /// <summary>A value of another JSON type than the DTO reads (e.g. a number sent as a string), tolerated or not.</summary>
    WrongType,

    /// <summary>An enumerated value (a status) outside the documented set; the gateway maps it to <c>UNKNOWN</c> or <c>OTHER</c>.</summary>
    UnknownValue,
}

/// <summary>Stable wire names of <see cref="DriftKind"/> (metric tags, logs, the admin listing).</summary>
public static class DriftKindNames
{
    /// <summary>The snake_case name of a kind: <c>unknown_field</c>, <c>missing_field</c>, <c>wrong_type</c>, <c>unknown_value</c>.</summary>
    public static string ToName(this DriftKind kind) => kind switch
    {
        DriftKind.UnknownField => "unknown_field",
        DriftKind.MissingField => "missing_field",
        DriftKind.WrongType => "wrong_type",
        DriftKind.UnknownValue => "unknown_value",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown drift kind."),
    };
}
