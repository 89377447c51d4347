using Microsoft.OData.Edm;
using Observatory.Query.Model;
using Observatory.Warehouse.Model;

namespace Observatory.Query.Summaries;

/// <summary>The time grain of a summary cube: which attributes of its date it keeps.</summary>
public enum CubeGrain
{
    Month,
    Quarter,
    FinancialYear,
}

/// <summary>
/// A fact set's rows added up at one grain, kept beside the facts so that a <c>$apply</c> asking only for what
/// it keeps is answered from a few thousand rows instead of a million (<see cref="CubeScope"/>). It keeps the
/// attributes of one date down to its grain (<see cref="DatePaths"/>), a chosen set of dimension paths, and for
/// every group: the count of rows and the sum of their record keys, each 0/1 flag's sum with the sum of the keys
/// of the rows it marks (so that counts can be released at the controlled level), and the sum of each whole-number
/// measure (waits, sessions, scores).
/// </summary>
/// <param name="Name">The cube's table, and what the <c>Observatory-Answered-From</c> header names.</param>
/// <param name="Set">The fact set it adds up.</param>
/// <param name="Date">The navigation to the date it keeps (e.g. <c>ReferralDate</c>).</param>
/// <param name="Paths">The dimension paths it keeps, as the feed writes them (<c>Ethnicity/BroadGroup</c>).</param>
public sealed record SummaryCube(string Name, string Set, string Date, CubeGrain Grain, IReadOnlyList<string> Paths)
{
    /// <summary>The column of the count of rows, and of the sum of their record keys.</summary>
    public const string Rows = "Rows";

    public const string RowKeys = "RowKeys";

    /// <summary>The column of the sum of a flag's rows' record keys.</summary>
    public static string KeysOf(string flag) => flag + "Keys";

    private static readonly string[] MonthAttributes = ["FinancialYear", "FinancialQuarter", "Year", "Quarter", "Month", "MonthName", "MonthKey"];
    private static readonly string[] QuarterAttributes = ["FinancialYear", "FinancialQuarter"];
    private static readonly string[] YearAttributes = ["FinancialYear"];

    /// <summary>The attributes of the date that are the same for every day of one grain.</summary>
    public IEnumerable<string> DatePaths => (Grain switch
    {
        CubeGrain.Month => MonthAttributes,
        CubeGrain.Quarter => QuarterAttributes,
        _ => YearAttributes,
    }).Select(attribute => $"{Date}/{attribute}");

    /// <summary>Every path the cube keeps, date first; each is a column of its table, named as the path.</summary>
    public IEnumerable<string> AllPaths => DatePaths.Concat(Paths);

    /// <summary>The set's 0/1 flags: each a count, kept with its record keys.</summary>
    public static IReadOnlyList<string> Flags(IEdmEntityType type) =>
        [.. Numeric(type).Where(WarehouseColumns.IsFlag).Select(p => p.Name)];

    /// <summary>The set's whole-number measures that are neither keys nor flags: kept as sums.</summary>
    public static IReadOnlyList<string> Sums(IEdmEntityType type) =>
        [.. Numeric(type).Where(p => !WarehouseColumns.IsFlag(p)).Select(p => p.Name)];

    private static IEnumerable<IEdmStructuralProperty> Numeric(IEdmEntityType type)
    {
        var keys = type.Key().Select(k => k.Name).Append(nameof(IPersonRecord.PersonId))
            .Concat(type.NavigationProperties().SelectMany(n => n.DependentProperties() ?? []).Select(p => p.Name)).ToHashSet();
        return type.StructuralProperties().Where(p => !keys.Contains(p.Name) && p.Type.IsIntegral());
    }
}

/// <summary>
/// The cubes, smallest first (the first that covers a query answers it). Each question boards and analysts ask
/// most (a period, a service, ethnic group, age band, gender, borough, deprivation) has one: docs/aggregations.md
/// lists which questions each covers.
/// </summary>
public static class SummaryCubes
{
    private static readonly string[] Service = ["ServiceKey", "Service/Code", "Service/Name"];
    private static readonly string[] BroadGroup = ["Ethnicity/BroadGroup"];
    private static readonly string[] Category =
        ["EthnicityKey", "Ethnicity/Code", "Ethnicity/Name", "Ethnicity/BroadGroup", "Ethnicity/CensusBroadGroup", "Ethnicity/IsKnown", "Ethnicity/IsAfricanCaribbeanHeritage", "Ethnicity/SortOrder"];
    private static readonly string[] AgeBand = ["AgeBandKey", "AgeBand/Name", "AgeBand/MinAge", "AgeBand/MaxAge", "AgeBand/IsChild", "AgeBand/SortOrder"];
    private static readonly string[] Gender = ["GenderKey", "Gender/Code", "Gender/Name"];
    private static readonly string[] Borough = ["Area/Borough"];
    private static readonly string[] Deprivation = ["Area/Borough", "Area/ImdQuintile"];

    public static readonly IReadOnlyList<SummaryCube> All =
    [
        .. ReferralCubes("Referrals", "ReferralDate"),
        .. ReferralCubes("Outcomes", "EndDate"),
        new("HealthChecksByGroup", "HealthChecks", "PeriodEndDate", CubeGrain.FinancialYear, [.. Category, .. AgeBand, .. Gender, .. Deprivation]),
    ];

    /// <summary>The cubes of a set, smallest first.</summary>
    public static IEnumerable<SummaryCube> For(string set) => All.Where(c => c.Set == set);

    /// <summary>Referrals by one of their dates: received (<c>ReferralDate</c>) or ended (<c>EndDate</c>, outcomes).</summary>
    private static IEnumerable<SummaryCube> ReferralCubes(string prefix, string date) =>
    [
        new($"{prefix}ByCategory", "Referrals", date, CubeGrain.Quarter, [.. Service, .. Category, .. Borough]),
        new($"{prefix}ByMonth", "Referrals", date, CubeGrain.Month, [.. Service, .. BroadGroup, .. Borough]),
        new($"{prefix}ByAgeBand", "Referrals", date, CubeGrain.Quarter, [.. Service, .. BroadGroup, .. AgeBand, .. Borough]),
        new($"{prefix}ByGender", "Referrals", date, CubeGrain.Quarter, [.. Service, .. BroadGroup, .. Gender, .. Deprivation]),
        new($"{prefix}ByYear", "Referrals", date, CubeGrain.FinancialYear, [.. Service, .. BroadGroup, .. AgeBand, .. Gender, .. Deprivation]),
    ];

    /// <summary>The model the cubes are read against.</summary>
    internal static IEdmEntitySet SetOf(SummaryCube cube) => WarehouseEdm.Instance.EntityContainer.FindEntitySet(cube.Set);
}
