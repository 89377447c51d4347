namespace Observatory.Api.Embedding;

/// <summary>
/// The filters an embed token can lock, and what each reads on the sets the live indicators count: the attributes of
/// the catalogue's breakdowns (Observatory.Indicators.Catalogue.Breakdown), reached from each set by its own
/// navigations, as the row scopes reach them (ScopedRows).
/// </summary>
public static class LockedFilters
{
    /// <summary>The residents' borough: Areas.Borough ('Hackney', 'City of London').</summary>
    public const string Borough = "borough";

    /// <summary>The service's code: Services.Code.</summary>
    public const string Service = "service";

    /// <summary>AgeBands.Name.</summary>
    public const string AgeBand = "age-band";

    /// <summary>Genders.Name.</summary>
    public const string Gender = "gender";

    /// <summary>The area's IMD 2019 quintile, '1' (most deprived) to '5'.</summary>
    public const string ImdQuintile = "imd-quintile";

    public static IReadOnlyList<string> Keys { get; } = [Borough, Service, AgeBand, Gender, ImdQuintile];

    private static readonly Dictionary<string, string> Direct = new()
    {
        [Borough] = "Area/Borough", [Service] = "Service/Code", [AgeBand] = "AgeBand/Name", [Gender] = "Gender/Name", [ImdQuintile] = "Area/ImdQuintile",
    };

    // Appointments record the person only through their referral; programme outcomes record their own age band and
    // gender, and their area through their referral (as the borough scope reads them).
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Paths = new(StringComparer.Ordinal)
    {
        ["Referrals"] = Direct,
        ["Appointments"] = new Dictionary<string, string>
        {
            [Borough] = "Referral/Area/Borough", [Service] = "Service/Code", [AgeBand] = "Referral/AgeBand/Name", [Gender] = "Referral/Gender/Name",
            [ImdQuintile] = "Referral/Area/ImdQuintile",
        },
        ["ProgrammeOutcomes"] = new Dictionary<string, string>
        {
            [Borough] = "Referral/Area/Borough", [Service] = "Service/Code", [AgeBand] = "AgeBand/Name", [Gender] = "Gender/Name",
            [ImdQuintile] = "Referral/Area/ImdQuintile",
        },
        // Recorded by GP practices: no service.
        ["HealthChecks"] = Direct.Where(p => p.Key != Service).ToDictionary(),
        // The census counts residents by area, age band and gender: no service.
        ["Population"] = Direct.Where(p => p.Key != Service).ToDictionary(),
    };

    /// <summary>The property path a lock reads on a set, or null when the set does not record it.</summary>
    public static string? PathOf(string set, string key) => Paths.GetValueOrDefault(set)?.GetValueOrDefault(key);

    /// <summary>A condition keeping the rows whose <paramref name="path"/> is one of the locked values.</summary>
    public static string Condition(string path, string key, IReadOnlyList<string> values)
    {
        // The quintile is a number; every other lock is text.
        var literals = values.Select(v => key == ImdQuintile ? v : $"'{v.Replace("'", "''", StringComparison.Ordinal)}'").ToList();
        return literals.Count == 1 ? $"{path} eq {literals[0]}" : $"{path} in ({string.Join(",", literals)})";
    }

    /// <summary>For messages: <c>borough 'City of London', service 'TT' or 'CAMHS'</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> locks) => locks.Count == 0
        ? "no locked filter"
        : string.Join(", ", locks.Select(l => $"{l.Key} {string.Join(" or ", l.Value.Select(v => $"'{v}'"))}"));
}
