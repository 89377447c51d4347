using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Model.Summaries;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// The pre-aggregated sets, each measure defined once, twice written: as SQL (which upgrades an existing
/// warehouse from its facts) and as the same arithmetic on each fact row (which a load adds up as the rows
/// stream, where sorting a million rows in SQL would cost seconds). A test holds the two to the same answer.
/// A month is keyed by its first day: date key / 100 * 100 + 1 (20220315 becomes 20220301).
/// </summary>
public static class WarehouseSummaries
{
    // Waiting-time standards are measured on referrals that finished a course: 6 weeks is 42 days, 18 weeks 126.
    private const int SixWeeks = 42;
    private const int EighteenWeeks = 126;

    public static readonly Summary<Referral, MonthlyReferral> MonthlyReferrals = new(
        "MonthlyReferrals", "MonthlyReferralId", "Referrals", "r.\"ReferralDateKey\" / 100 * 100 + 1", r => Month(r.ReferralDateKey),
        Where: null, Include: _ => true, HasService: true, ReferralKeys,
        [
            new("Referrals", "COUNT(*)", _ => 1),
            new("FirstContacts", "SUM(CASE WHEN r.\"FirstContactDateKey\" IS NULL THEN 0 ELSE 1 END)", r => r.FirstContactDateKey is null ? 0 : 1),
            new("EnteredTreatment", "SUM(r.\"EnteredTreatment\")", r => r.EnteredTreatment),
            new("WaitToTreatmentDays", "COALESCE(SUM(CASE WHEN r.\"EnteredTreatment\" = 1 THEN r.\"WaitToTreatmentDays\" END), 0)",
                r => r.EnteredTreatment == 1 ? r.WaitToTreatmentDays ?? 0 : 0),
        ]);

    public static readonly Summary<Referral, MonthlyOutcome> MonthlyOutcomes = new(
        "MonthlyOutcomes", "MonthlyOutcomeId", "Referrals", "r.\"EndDateKey\" / 100 * 100 + 1", r => Month(r.EndDateKey ?? 0),
        Where: "r.\"EndDateKey\" IS NOT NULL", Include: r => r.EndDateKey is not null, HasService: true, ReferralKeys,
        [
            new("Ended", "COUNT(*)", _ => 1),
            new("EndedAfterTreatment", "SUM(r.\"EnteredTreatment\")", r => r.EnteredTreatment),
            new("FinishedTreatment", "SUM(r.\"FinishedTreatment\")", r => r.FinishedTreatment),
            new("DroppedOut", "SUM(r.\"DroppedOut\")", r => r.DroppedOut),
            new("FinishedAtCaseness", "SUM(r.\"FinishedAtCaseness\")", r => r.FinishedAtCaseness),
            new("Recovered", "SUM(r.\"Recovered\")", r => r.Recovered),
            new("ReliablyImproved", "SUM(r.\"ReliablyImproved\")", r => r.ReliablyImproved),
            new("ReliablyRecovered", "SUM(r.\"ReliablyRecovered\")", r => r.ReliablyRecovered),
            new("TreatedWithin6Weeks", $"SUM(CASE WHEN r.\"FinishedTreatment\" = 1 AND r.\"WaitToTreatmentDays\" <= {SixWeeks} THEN 1 ELSE 0 END)",
                r => r.FinishedTreatment == 1 && r.WaitToTreatmentDays <= SixWeeks ? 1 : 0),
            new("TreatedWithin18Weeks", $"SUM(CASE WHEN r.\"FinishedTreatment\" = 1 AND r.\"WaitToTreatmentDays\" <= {EighteenWeeks} THEN 1 ELSE 0 END)",
                r => r.FinishedTreatment == 1 && r.WaitToTreatmentDays <= EighteenWeeks ? 1 : 0),
            new("SessionsAttended", "SUM(r.\"SessionsAttended\")", r => r.SessionsAttended),
            new("SessionsMissed", "SUM(r.\"SessionsMissed\")", r => r.SessionsMissed),
        ]);

    public static readonly Summary<HealthCheck, YearlyHealthCheck> YearlyHealthChecks = new(
        "YearlyHealthChecks", "YearlyHealthCheckId", "HealthChecks", "r.\"PeriodEndDateKey\"", h => h.PeriodEndDateKey,
        Where: null, Include: _ => true, HasService: false, h => new SummaryKeys(0, h.AgeBandKey, h.EthnicityKey, h.AreaKey),
        [
            new("People", "COUNT(*)", _ => 1),
            new("AllSixChecks", "SUM(r.\"AllSixChecks\")", h => h.AllSixChecks),
            new("AlcoholCheck", "SUM(r.\"AlcoholCheck\")", h => h.AlcoholCheck),
            new("BloodGlucoseCheck", "SUM(r.\"BloodGlucoseCheck\")", h => h.BloodGlucoseCheck),
            new("BloodPressureCheck", "SUM(r.\"BloodPressureCheck\")", h => h.BloodPressureCheck),
            new("BmiCheck", "SUM(r.\"BmiCheck\")", h => h.BmiCheck),
            new("LipidsCheck", "SUM(r.\"LipidsCheck\")", h => h.LipidsCheck),
            new("SmokingCheck", "SUM(r.\"SmokingCheck\")", h => h.SmokingCheck),
            new("ByStreetOutreachTeam", "SUM(r.\"ByStreetOutreachTeam\")", h => h.ByStreetOutreachTeam),
        ]);

    /// <summary>The SQL that rebuilds every summary from the facts (used when a migration introduces them).</summary>
    public static IReadOnlyList<string> Statements =>
        [.. MonthlyReferrals.Sql(), .. MonthlyOutcomes.Sql(), .. YearlyHealthChecks.Sql()];

    private static int Month(int dateKey) => dateKey / 100 * 100 + 1;

    private static SummaryKeys ReferralKeys(Referral r) => new(r.ServiceKey, r.AgeBandKey, r.EthnicityKey, r.AreaKey);
}

/// <summary>One measure of a summary: its column, its SQL aggregate over fact rows <c>r</c>, and its value for one fact row.</summary>
public sealed record SummaryMeasure<TFact>(string Column, string Sql, Func<TFact, long> Value);

/// <summary>The dimension keys of a fact row that a summary breaks down by (its ethnicity and area become group, borough, quintile).</summary>
public readonly record struct SummaryKeys(int Service, int AgeBand, int Ethnicity, int Area);

/// <summary>
/// A summary of a fact table: rows keyed by a date (month or period end), service (when it has one), age band,
/// recorded broad ethnic group, borough and IMD quintile, in that order, numbered in that order.
/// </summary>
public sealed record Summary<TFact, TRow>(
    string Table, string Id, string FactTable, string DateSql, Func<TFact, int> Date,
    string? Where, Func<TFact, bool> Include, bool HasService, Func<TFact, SummaryKeys> Keys, IReadOnlyList<SummaryMeasure<TFact>> Measures)
    where TRow : class, new()
{
    public string DateColumn => HasService ? "MonthKey" : "PeriodEndDateKey";

    /// <summary>Key columns in order, after the date.</summary>
    public IReadOnlyList<string> Breakdown =>
        HasService ? ["ServiceKey", "AgeBandKey", "EthnicityGroup", "Borough", "ImdQuintile"] : ["AgeBandKey", "EthnicityGroup", "Borough", "ImdQuintile"];

    public IEnumerable<string> Sql()
    {
        string[] keys = [DateColumn, .. Breakdown];
        var selected = new List<string> { $"{DateSql} AS \"{DateColumn}\"" };
        if (HasService)
        {
            selected.Add("r.\"ServiceKey\"");
        }

        selected.AddRange(["r.\"AgeBandKey\"", "e.\"BroadGroup\" AS \"EthnicityGroup\"", "a.\"Borough\"", "a.\"ImdQuintile\""]);
        selected.AddRange(Measures.Select(m => $"{m.Sql} AS \"{m.Column}\""));
        var positions = string.Join(", ", Enumerable.Range(1, keys.Length));
        yield return $"DELETE FROM \"{Table}\"";
        yield return
            $"INSERT INTO \"{Table}\" (\"{Id}\", {string.Join(", ", keys.Concat(Measures.Select(m => m.Column)).Select(c => $"\"{c}\""))}) " +
            $"SELECT ROW_NUMBER() OVER (ORDER BY {string.Join(", ", keys.Select(k => $"g.\"{k}\""))}), g.* FROM (" +
            $"SELECT {string.Join(", ", selected)} FROM \"{FactTable}\" r " +
            "JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" " +
            $"{(Where is null ? "" : $"WHERE {Where} ")}GROUP BY {positions}) g";
    }
}
