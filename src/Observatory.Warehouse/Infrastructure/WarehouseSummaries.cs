namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// The pre-aggregated sets, built in SQL from the facts: by every load once its rows are in, and by the
/// migration that introduced them when it upgrades an existing warehouse. The SQL is the same on SQLite and
/// PostgreSQL. A month is keyed by its first day: date key / 100 * 100 + 1 (20220315 becomes 20220301).
/// </summary>
public static class WarehouseSummaries
{
    private const string Breakdown =
        "r.\"ServiceKey\", r.\"AgeBandKey\", e.\"BroadGroup\" AS \"EthnicityGroup\", a.\"Borough\", a.\"ImdQuintile\"";

    private const string Joins =
        "JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\"";

    public static readonly IReadOnlyList<string> Statements =
    [
        "DELETE FROM \"MonthlyReferrals\"",
        "INSERT INTO \"MonthlyReferrals\" (\"MonthlyReferralId\", \"MonthKey\", \"ServiceKey\", \"AgeBandKey\", \"EthnicityGroup\", \"Borough\", " +
        "\"ImdQuintile\", \"Referrals\", \"FirstContacts\", \"EnteredTreatment\", \"WaitToTreatmentDays\") " +
        "SELECT ROW_NUMBER() OVER (ORDER BY g.\"MonthKey\", g.\"ServiceKey\", g.\"AgeBandKey\", g.\"EthnicityGroup\", g.\"Borough\", g.\"ImdQuintile\"), g.* FROM (" +
        $"SELECT r.\"ReferralDateKey\" / 100 * 100 + 1 AS \"MonthKey\", {Breakdown}, COUNT(*) AS \"Referrals\", " +
        "SUM(CASE WHEN r.\"FirstContactDateKey\" IS NULL THEN 0 ELSE 1 END) AS \"FirstContacts\", SUM(r.\"EnteredTreatment\") AS \"EnteredTreatment\", " +
        "COALESCE(SUM(CASE WHEN r.\"EnteredTreatment\" = 1 THEN r.\"WaitToTreatmentDays\" END), 0) AS \"WaitToTreatmentDays\" " +
        $"FROM \"Referrals\" r {Joins} GROUP BY 1, 2, 3, 4, 5, 6) g",

        "DELETE FROM \"MonthlyOutcomes\"",
        "INSERT INTO \"MonthlyOutcomes\" (\"MonthlyOutcomeId\", \"MonthKey\", \"ServiceKey\", \"AgeBandKey\", \"EthnicityGroup\", \"Borough\", " +
        "\"ImdQuintile\", \"Ended\", \"EndedAfterTreatment\", \"FinishedTreatment\", \"DroppedOut\", \"FinishedAtCaseness\", \"Recovered\", " +
        "\"ReliablyImproved\", \"ReliablyRecovered\", \"TreatedWithin6Weeks\", \"TreatedWithin18Weeks\", \"SessionsAttended\", \"SessionsMissed\") " +
        "SELECT ROW_NUMBER() OVER (ORDER BY g.\"MonthKey\", g.\"ServiceKey\", g.\"AgeBandKey\", g.\"EthnicityGroup\", g.\"Borough\", g.\"ImdQuintile\"), g.* FROM (" +
        $"SELECT r.\"EndDateKey\" / 100 * 100 + 1 AS \"MonthKey\", {Breakdown}, COUNT(*) AS \"Ended\", " +
        "SUM(r.\"EnteredTreatment\") AS \"EndedAfterTreatment\", SUM(r.\"FinishedTreatment\") AS \"FinishedTreatment\", SUM(r.\"DroppedOut\") AS \"DroppedOut\", " +
        "SUM(r.\"FinishedAtCaseness\") AS \"FinishedAtCaseness\", SUM(r.\"Recovered\") AS \"Recovered\", SUM(r.\"ReliablyImproved\") AS \"ReliablyImproved\", " +
        "SUM(r.\"ReliablyRecovered\") AS \"ReliablyRecovered\", " +
        // Waiting-time standards are measured on referrals that finished a course: 6 weeks is 42 days, 18 weeks 126.
        "SUM(CASE WHEN r.\"FinishedTreatment\" = 1 AND r.\"WaitToTreatmentDays\" <= 42 THEN 1 ELSE 0 END) AS \"TreatedWithin6Weeks\", " +
        "SUM(CASE WHEN r.\"FinishedTreatment\" = 1 AND r.\"WaitToTreatmentDays\" <= 126 THEN 1 ELSE 0 END) AS \"TreatedWithin18Weeks\", " +
        "SUM(r.\"SessionsAttended\") AS \"SessionsAttended\", SUM(r.\"SessionsMissed\") AS \"SessionsMissed\" " +
        $"FROM \"Referrals\" r {Joins} WHERE r.\"EndDateKey\" IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6) g",

        "DELETE FROM \"YearlyHealthChecks\"",
        "INSERT INTO \"YearlyHealthChecks\" (\"YearlyHealthCheckId\", \"PeriodEndDateKey\", \"AgeBandKey\", \"EthnicityGroup\", \"Borough\", \"ImdQuintile\", " +
        "\"People\", \"AllSixChecks\", \"AlcoholCheck\", \"BloodGlucoseCheck\", \"BloodPressureCheck\", \"BmiCheck\", \"LipidsCheck\", \"SmokingCheck\", \"ByStreetOutreachTeam\") " +
        "SELECT ROW_NUMBER() OVER (ORDER BY g.\"PeriodEndDateKey\", g.\"AgeBandKey\", g.\"EthnicityGroup\", g.\"Borough\", g.\"ImdQuintile\"), g.* FROM (" +
        "SELECT r.\"PeriodEndDateKey\", r.\"AgeBandKey\", e.\"BroadGroup\" AS \"EthnicityGroup\", a.\"Borough\", a.\"ImdQuintile\", COUNT(*) AS \"People\", " +
        "SUM(r.\"AllSixChecks\"), SUM(r.\"AlcoholCheck\"), SUM(r.\"BloodGlucoseCheck\"), SUM(r.\"BloodPressureCheck\"), SUM(r.\"BmiCheck\"), " +
        "SUM(r.\"LipidsCheck\"), SUM(r.\"SmokingCheck\"), SUM(r.\"ByStreetOutreachTeam\") " +
        $"FROM \"HealthChecks\" r {Joins} GROUP BY 1, 2, 3, 4, 5) g",
    ];
}
