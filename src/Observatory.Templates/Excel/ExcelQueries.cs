using Microsoft.OData.Edm;
using Observatory.Templates.Model;
using Observatory.Templates.PowerQuery;

namespace Observatory.Templates.Excel;

/// <summary>
/// The queries offered to Excel: the main tables and the pre-aggregated sets through <c>OData.Feed</c>, and one
/// <c>$apply</c> aggregation read as JSON with <c>Web.Contents</c> (Power Query's OData reader expects the
/// entities of a set, not the grouped records an aggregation returns). Each is self-contained, with the service's
/// address at its top, so it can be pasted into Power Query's Advanced Editor as it is.
/// </summary>
public static class ExcelQueries
{
    public static IReadOnlyList<ExcelQuery> For(TemplateModel model, Microsoft.OData.Edm.IEdmModel edm)
    {
        // A pre-aggregated set's rows have a number for a key, which says nothing: every other column.
        string[] AllColumns(string set) => edm.EntityContainer.FindEntitySet(set) is { } found
            ? [.. TemplateModel.Properties(found).Except(found.EntityType.Key()).Select(p => p.Name)]
            : throw new TemplateException($"The feed has no set {set}.");

        return
        [
            Feed("indicator-values", "IndicatorValues", "Every published indicator value at your disclosure level, with its interval and judgements.",
                [.. model["IndicatorValues"].Columns.Select(c => c.Name)]),
            Feed("indicators", "Indicators", "The indicator catalogue: what each indicator counts, its unit, polarity, target and source.",
                [.. model["Indicators"].Columns.Select(c => c.Name)]),
            Feed("monthly-referrals", "MonthlyReferrals", "Referrals, first contacts and entries to treatment by month, service, age band, ethnic group, borough and deprivation fifth.",
                AllColumns("MonthlyReferrals")),
            Feed("monthly-outcomes", "MonthlyOutcomes", "Ended referrals and their outcomes by month, service, age band, ethnic group, borough and deprivation fifth.",
                AllColumns("MonthlyOutcomes")),
            Feed("yearly-health-checks", "YearlyHealthChecks", "People on the SMI register and their physical health checks by year, age band, ethnic group, borough and deprivation fifth.",
                AllColumns("YearlyHealthChecks")),
            Feed("referrals", "Referrals", "One row per referral (analysts only): the keys of its dimensions and the columns the indicators count.",
                [.. model["Referrals"].Columns.Select(c => c.Name)]),
            Feed("population", "Population", "Residents by area, ethnic group, age band and gender (Census 2021): the denominators of rates.",
                [.. model["Population"].Columns.Select(c => c.Name)]),
            // Counted by the feed from the facts: exact for an analyst, released by the controlled rules for a researcher or board member.
            Aggregation("referrals-by-ethnic-group-and-year", "ReferralsByEthnicGroup", "Referrals",
                "groupby((ReferralDate/FinancialYear,Ethnicity/BroadGroup),aggregate($count as ReferralCount))",
                [("ReferralDate", "FinancialYear"), ("Ethnicity", "BroadGroup")],
                "Referrals by financial year and ethnic group, counted by the feed ($apply) so only the totals travel: exact for analysts, disclosure-controlled for researchers and board members."),
        ];
    }

    private static ExcelQuery Feed(string file, string set, string description, IReadOnlyList<string> columns) =>
        new(file, set, description, FeedQueries.Standalone(FeedQueries.Path(set, columns)));

    private static ExcelQuery Aggregation(string file, string name, string set, string apply, IReadOnlyList<(string Navigation, string Column)> groups, string description) => new(file, name, description,
    [
        "let",
        $"    {FeedQueries.UrlParameter} = \"{FeedQueries.DefaultUrl}\",",
        // Without metadata the rows hold their values only; a grouping by a dimension's column comes back nested under the navigation.
        $"    Response = Json.Document(Web.Contents({FeedQueries.UrlParameter}, [RelativePath = \"odata/{set}\", Query = [#\"$apply\" = \"{apply}\", #\"$format\" = \"application/json;odata.metadata=none\"], ApiKeyName = \"api-key\"])),",
        // An aggregation longer than a page would lose rows silently: stop with the reason instead.
        "    Rows = if Record.HasFields(Response, \"@odata.nextLink\") then error \"The aggregation is longer than one page of the feed: narrow it (filter first), or read a summary set with OData.Feed.\" else Table.FromRecords(Response[value]),",
        .. groups.Select((g, i) => $"    {Step(i)} = Table.ExpandRecordColumn({(i == 0 ? "Rows" : Step(i - 1))}, \"{g.Navigation}\", {{\"{g.Column}\"}}){(i < groups.Count - 1 ? "," : "")}"),
        "in",
        $"    {Step(groups.Count - 1)}",
    ]);

    private static string Step(int group) => $"#\"Expanded {group + 1}\"";
}
