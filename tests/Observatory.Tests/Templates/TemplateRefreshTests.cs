using System.Net;
using System.Text.RegularExpressions;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Security.ScopeAnswers;

namespace Observatory.Tests.Templates;

/// <summary>
/// The requests a refresh of the committed templates sends, as each kind of caller sends them: an Analyst's key
/// refreshes every table (and each incremental refresh partition's folded filter), a borough-scoped Analyst's
/// too, with its borough's rows only; a Researcher's key reads what is published and is refused rows, with a reason.
/// </summary>
public partial class TemplateRefreshTests(DemoWarehouses demo)
{
    private const string City = "City of London";

    [Fact]
    public async Task AnAnalystRefreshesEveryTableAndEveryPartitionOfTheModel()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var analyst = await ClientAsync(host, options, Role.Analyst);

        foreach (var (table, url, dateKey) in Tables())
        {
            var answer = await GetAsync(analyst, url + "&$top=1");
            Assert.True(answer.Status == HttpStatusCode.OK, $"{table}: {(int)answer.Status} {answer.Body}");
            if (dateKey is not null)
            {
                // A year's partition (2022/23), as Power Query folds the RangeStart/RangeEnd step into the request.
                var year = await CountAsync(analyst, $"{table}/$count?$filter={dateKey} ge 20220401 and {dateKey} lt 20230401");
                Assert.True(year > 0 && year < await CountAsync(analyst, $"{table}/$count"), $"{table}: {year} rows in 2022/23");
            }
        }
    }

    [Fact]
    public async Task ABoroughScopedAnalystRefreshesTheSameQueriesWithItsBoroughsRowsOnly()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var scoped = await ClientAsync(host, options, Role.Analyst, $"borough:{City}");

        foreach (var (table, url, _) in Tables())
        {
            var answer = await GetAsync(scoped, url + "&$top=1");
            Assert.True(answer.Status == HttpStatusCode.OK, $"{table}: {(int)answer.Status} {answer.Body}");
        }

        Assert.Equal(await CountAsync(scoped, "Referrals/$count"), await CountAsync(scoped, $"Referrals/$count?$filter=Area/Borough eq '{City}'"));
        Assert.Equal(0, await CountAsync(scoped, $"Referrals/$count?$filter=Area/Borough ne '{City}'"));
        await RefusedAsync(scoped, "IndicatorValues?$filter=Area eq 'Hackney'", Api.Security.OutsideScope.Code, $"borough:{City}");
    }

    [Fact]
    public async Task AResearcherReadsThePublishedTablesAndIsToldWhyRowsAreRefused()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var researcher = await ClientAsync(host, options, Role.Researcher);

        string[] rows = ["Referrals", "HealthChecks", "ProgrammeOutcomes", "Population"];
        foreach (var (table, url, _) in Tables())
        {
            var answer = await GetAsync(researcher, url + "&$top=1");
            var expected = rows.Contains(table) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(answer.Status == expected, $"{table}: {(int)answer.Status} {answer.Body}");
            Assert.True(expected == HttpStatusCode.OK || answer.Message.Length > 40, $"{table}: the refusal says too little: {answer.Message}");
        }
    }

    [Fact]
    public async Task EachExcelConnectionAnswersTheRolesItIsForAndRefusesTheOthersWithAReason()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var analyst = await ClientAsync(host, options, Role.Analyst);
        using var researcher = await ClientAsync(host, options, Role.Researcher);
        string[] forEveryone = ["indicator-values", "indicators", "referrals-by-ethnic-group-and-year"];

        var queries = Directory.EnumerateFiles(Path.Combine(CommittedTemplates.Root, "excel"), "*.pq").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, queries.Count);
        foreach (var file in queries)
        {
            var url = ExcelUrl(File.ReadAllText(file));
            var name = Path.GetFileNameWithoutExtension(file);
            var asAnalyst = await GetAsync(analyst, url + (url.Contains("$apply", StringComparison.Ordinal) ? "" : "&$top=1"));
            var asResearcher = await GetAsync(researcher, url + (url.Contains("$apply", StringComparison.Ordinal) ? "" : "&$top=1"));

            Assert.True(asAnalyst.Status == HttpStatusCode.OK && asAnalyst.Body.Contains("\"value\":[{", StringComparison.Ordinal), $"{name} as an Analyst: {(int)asAnalyst.Status} {asAnalyst.Body}");
            var expected = forEveryone.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(asResearcher.Status == expected, $"{name} as a Researcher: {(int)asResearcher.Status} {asResearcher.Body}");
        }
    }

    // The feed URL (below /odata/) an Excel query reads: OData.Feed's path, or Web.Contents' set with its $apply.
    private static string ExcelUrl(string m) =>
        FeedPath().Match(m) is { Success: true } feed ? feed.Groups[1].Value
        : WebContents().Match(m) is { Success: true } web ? $"{web.Groups[1].Value}?$apply={web.Groups[2].Value}"
        : throw new InvalidOperationException($"No feed URL in {m}");

    [GeneratedRegex("RelativePath = \"odata/(\\w+)\", Query = \\[#\"\\$apply\" = \"([^\"]+)\"")]
    private static partial Regex WebContents();

    // Each table's feed URL (below /odata/) and the date key its incremental refresh partitions by, read from the committed model.
    private static IEnumerable<(string Table, string Url, string? DateKey)> Tables()
    {
        var model = TmdlDocument.Load(TmdlDocument.CommittedFolder);
        var tables = model.Roots.Where(o => o.Type == "table").ToList();
        Assert.True(tables.Count >= 20);
        foreach (var table in tables)
        {
            var source = table.ChildrenOfType("partition").Single().Property("source") ?? "";
            var url = FeedPath().Match(source).Groups[1].Value;
            var dateKey = RefreshKey().Match(source) is { Success: true } m ? m.Groups[1].Value : null;
            Assert.True(url.Length > 0, $"{table}: no feed path in its partition");
            Assert.Equal(dateKey is not null, table.ChildrenOfType("refreshPolicy").Any());
            yield return (table.Name!, url, dateKey);
        }
    }

    [GeneratedRegex("ObservatoryUrl & \"/odata/([^\"]+)\"")]
    private static partial Regex FeedPath();

    [GeneratedRegex(@"each \[(\w+)\] >= DateKeyOf\(RangeStart\)")]
    private static partial Regex RefreshKey();
}
