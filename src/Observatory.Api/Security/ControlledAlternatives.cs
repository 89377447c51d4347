namespace Observatory.Api.Security;

/// <summary>
/// What a caller at the controlled level asks instead of a summary set, which it may not read (its small counts are
/// exact): the fact set the summary is built from, counted through $apply with the period picked by its category
/// (a financial year on the date's dimension), as the categories-only rule of controlled $apply requires
/// (Observatory.Query.Sql.ControlledCounts.CheckCondition). A range of the summary's date keys would be refused there too.
/// </summary>
public static class ControlledAlternatives
{
    private static readonly Dictionary<string, string> Counts = new(StringComparer.Ordinal)
    {
        // MonthlyReferrals counts referrals by the month they were received.
        ["MonthlyReferrals"] = "Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/groupby((ReferralDate/FinancialQuarter,Ethnicity/BroadGroup),aggregate($count as Referrals))",
        // MonthlyOutcomes counts referrals by the month they ended.
        ["MonthlyOutcomes"] = "Referrals?$apply=filter(EndDate/FinancialYear eq '2022/23')/groupby((EndDate/FinancialQuarter,Ethnicity/BroadGroup),aggregate($count as Ended))",
        // YearlyHealthChecks counts the SMI register by financial year.
        ["YearlyHealthChecks"] = "HealthChecks?$apply=filter(PeriodEndDate/FinancialYear eq '2022/23')/groupby((Ethnicity/BroadGroup),aggregate($count as People))",
    };

    /// <returns>A sentence naming the query to ask instead of <paramref name="set"/>, or null when there is none.</returns>
    public static string? For(string set) => Counts.TryGetValue(set, out var query)
        ? $"At the controlled level count the facts it is built from instead, picking the period by its category (a financial year), not by a range of date keys: for example {query}."
        : null;
}
