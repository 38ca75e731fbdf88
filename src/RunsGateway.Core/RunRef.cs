using System.Globalization;

namespace RunsGateway.Core;

/// <summary>
/// A validated reference to one upstream run: the stable identity of a <see cref="Run"/>.
/// Create it with <see cref="Create"/>, which checks the vendor's rules and canonicalises integer ids
/// (so <c>"007"</c> and <c>"7"</c> are the same run); the constructor is public for deserialisation only.
/// </summary>
/// <param name="Vendor">The vendor.</param>
/// <param name="RunId">The vendor's run id (canonical decimal for CCExtractor and TestVibe).</param>
/// <param name="Project">The project (NeetoPlaydash <c>project_id</c>, TestVibe <c>project</c>); null for CCExtractor and Crewship.</param>
public sealed record RunRef(Vendor Vendor, string RunId, string? Project)
{
    /// <summary>The longest string id or project accepted.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// A stable, unambiguous key for this reference, e.g. <c>ccextractor::42</c> or <c>neetoplaydash:pdqmxlz:kftwnab</c>
    /// (project and run id percent-encoded, so the separators cannot be forged).
    /// </summary>
    public string Key => $"{Vendor.ToSlug()}:{Uri.EscapeDataString(Project ?? string.Empty)}:{Uri.EscapeDataString(RunId)}";

    /// <summary>
    /// Validates a reference: CCExtractor and TestVibe run ids are integers ≥ 1; other ids and projects are non-empty strings of at most
    /// <see cref="MaxIdLength"/> characters without control characters and not <c>.</c> or <c>..</c>; NeetoPlaydash and TestVibe need a
    /// project, CCExtractor and Crewship must have none.
    /// </summary>
    /// <returns>The canonical reference, or an <see cref="VendorErrorKind.InvalidReference"/> error.</returns>
    public static Result<RunRef> Create(Vendor vendor, string? runId, string? project)
    {
        if (!Enum.IsDefined(vendor))
        {
            return Result.Failure<RunRef>(VendorError.InvalidReference(vendor, "Unknown vendor."));
        }

        var name = vendor.DisplayName();
        if (vendor.RequiresProject())
        {
            if (project is null)
            {
                return Invalid(vendor, $"A {name} run reference needs a project.");
            }

            if (ValidateString(project) is { } projectProblem)
            {
                return Invalid(vendor, $"The {name} project {projectProblem}.");
            }
        }
        else if (project is not null)
        {
            return Invalid(vendor, $"A {name} run reference has no project; leave it out.");
        }

        if (runId is null)
        {
            return Invalid(vendor, $"A {name} run reference needs a run id.");
        }

        if (vendor.HasIntegerRunIds())
        {
            if (!long.TryParse(runId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return Invalid(vendor, $"A {name} run id is an integer of at least 1.");
            }

            // The id as given when it is already canonical (no leading zeros), so a reference costs no new string.
            var canonical = runId[0] != '0' ? runId : number.ToString(CultureInfo.InvariantCulture);
            return Result.Success(new RunRef(vendor, canonical, project));
        }

        if (ValidateString(runId) is { } runIdProblem)
        {
            return Invalid(vendor, $"The {name} run id {runIdProblem}.");
        }

        return Result.Success(new RunRef(vendor, runId, project));
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    private static Result<RunRef> Invalid(Vendor vendor, string message) => Result.Failure<RunRef>(VendorError.InvalidReference(vendor, message));

    private static string? ValidateString(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be empty";
        }

        if (value.Length > MaxIdLength)
        {
            return $"must be at most {MaxIdLength} characters long";
        }

        if (value is "." or "..")
        {
            return "must not be a dot segment";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "must not contain control characters";
            }
        }

        return null;
    }
}
