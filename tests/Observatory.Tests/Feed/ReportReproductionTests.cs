using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>The README's "reproducing the progress report" URLs, answered by the running host on each provider.</summary>
public partial class ReportReproductionTests(DemoWarehouses demo)
{
    public const string CounsellingCompleted =
        "Referrals/$count?$filter=Service/Code eq 'GM-FAC' and EndReason/Category eq 'Completed' and EndDateKey ge 20200201 and EndDateKey le 20220228";
    public const string CounsellingCompletedNotAch = CounsellingCompleted + " and Ethnicity/IsAfricanCaribbeanHeritage eq false";
    public const string NvrParents = "Referrals/$count?$filter=Service/Code eq 'GM-NVR' and TreatmentStartDateKey le 20220131";
    public const string TreeOfLifeQuestionnaires = "ProgrammeOutcomes/$count?$filter=Service/Code eq 'GM-TOL'";
    public const string SchoolsApproached = "Schools/$count?$filter=Approached";
    public const string SchoolsParticipating = "Schools/$count?$filter=Participating";
    public const string SmiHealthChecks =
        "HealthChecks?$apply=filter(PeriodEndDateKey eq 20220331)/aggregate(AllSixChecks with sum as WithAllSixChecks,$count as People)";
    public const string DropOutByEthnicity =
        "Referrals?$apply=filter(Service/Code eq 'TT' and EnteredTreatment eq 1 and EndDateKey ne null)/groupby((Ethnicity/BroadGroup),aggregate(DroppedOut with sum as DroppedOutCount,$count as Ended))";
    public const string RecoveryByEthnicity =
        "Referrals?$apply=filter(Service/Code eq 'TT')/groupby((Ethnicity/BroadGroup),aggregate(Recovered with sum as RecoveredCount,FinishedAtCaseness with sum as FinishedAtCasenessCount))";

    private static readonly string[] MinorityGroups = ["Mixed", "Asian", "Black", "Other"];

    private static readonly (string Url, int Expected)[] ReportCounts =
    [
        (CounsellingCompleted, 123), (CounsellingCompletedNotAch, 0), (NvrParents, 35),
        (TreeOfLifeQuestionnaires, 52), (SchoolsApproached, 14), (SchoolsParticipating, 10),
    ];

    public static TheoryData<WarehouseProvider, string, int> Counts
    {
        get
        {
            var data = new TheoryData<WarehouseProvider, string, int>();
            foreach (var provider in new[] { WarehouseProvider.Sqlite, WarehouseProvider.PostgreSql })
            {
                foreach (var (url, expected) in ReportCounts)
                {
                    data.Add(provider, url, expected);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public async Task ReportCountsAreReproduced(WarehouseProvider provider, string url, int expected)
    {
        using var host = new FeedHost(await demo.GetAsync(provider));
        var body = await host.CreateClient().GetStringAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, int.Parse(body, CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task SixtyPercentOfPeopleOnTheSmiRegisterHadAllSixChecksIn2021To22(WarehouseProvider provider)
    {
        var row = (await GetRowsAsync(provider, SmiHealthChecks)).Single();

        Assert.Equal(0.60, row.GetProperty("WithAllSixChecks").GetDouble() / row.GetProperty("People").GetDouble(), 0.005);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TalkingTherapiesDropOutIsHigherInEachMinorityGroupThanWhite(WarehouseProvider provider)
    {
        var rates = ByBroadGroup(await GetRowsAsync(provider, DropOutByEthnicity), "DroppedOutCount", "Ended");

        Assert.All(MinorityGroups, group => Assert.True(rates[group] > rates["White"], $"{group} {rates[group]:P1} vs White {rates["White"]:P1}"));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TalkingTherapiesRecoveryIsHigherForWhiteThanEachOtherGroup(WarehouseProvider provider)
    {
        var rates = ByBroadGroup(await GetRowsAsync(provider, RecoveryByEthnicity), "RecoveredCount", "FinishedAtCasenessCount");

        Assert.All(MinorityGroups, group => Assert.True(rates["White"] > rates[group], $"White {rates["White"]:P1} vs {group} {rates[group]:P1}"));
    }

    [Fact]
    public void TheReadmeListsExactlyTheseUrls()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var block = readme[readme.IndexOf("<!-- report-urls -->", StringComparison.Ordinal)..readme.IndexOf("<!-- /report-urls -->", StringComparison.Ordinal)];
        var documented = UrlInBackticks().Matches(block).Select(m => m.Groups[1].Value).ToHashSet();
        string[] tested = [CounsellingCompleted, CounsellingCompletedNotAch, NvrParents, TreeOfLifeQuestionnaires, SchoolsApproached,
            SchoolsParticipating, SmiHealthChecks, DropOutByEthnicity, RecoveryByEthnicity];

        Assert.Equal(tested.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private async Task<List<JsonElement>> GetRowsAsync(WarehouseProvider provider, string url)
    {
        using var host = new FeedHost(await demo.GetAsync(provider));
        var json = await host.CreateClient().GetStringAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(json).RootElement.GetProperty("value").EnumerateArray().ToList();
    }

    private static Dictionary<string, double> ByBroadGroup(List<JsonElement> rows, string numerator, string denominator) =>
        rows.ToDictionary(
            r => r.GetProperty("Ethnicity").GetProperty("BroadGroup").GetString()!,
            r => r.GetProperty(numerator).GetDouble() / r.GetProperty(denominator).GetDouble());

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Observatory.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    [GeneratedRegex(@"`([A-Za-z]+(?:/\$count)?\?[^`]+)`")]
    private static partial Regex UrlInBackticks();
}
