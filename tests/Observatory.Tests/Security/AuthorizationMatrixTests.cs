using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>
/// Every role against every entity set, by every way of reading it: a page, a read by key, $count, $apply, $expand,
/// a $batch part, CSV and $metadata. The expectations are the roles table of docs/security.md, written out here
/// rather than read from the code that enforces it.
/// </summary>
public class AuthorizationMatrixTests(DemoWarehouses demo)
{
    private static readonly string[] Facts = ["Referrals", "Appointments", "HealthChecks", "ProgrammeOutcomes", "Population"];
    private static readonly string[] Summaries = ["MonthlyReferrals", "MonthlyOutcomes", "YearlyHealthChecks"];
    private static readonly string[] Indicators = ["Indicators", "IndicatorValues"];

    // Every role that reads: the Embedder reads nothing and is refused everything but minting (Embedding/EmbeddingTests).
    public static TheoryData<Role, WarehouseProvider> EveryRoleOnEachProvider =>
        new(Roles.All.Where(role => role != Role.Embedder).SelectMany(role => new[] { (role, WarehouseProvider.Sqlite), (role, WarehouseProvider.PostgreSql) }));

    [Theory]
    [MemberData(nameof(EveryRoleOnEachProvider))]
    public async Task EachRoleReadsExactlyTheSetsAndTheDisclosureLevelTheRolesTableGivesIt(Role role, WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, role));

        using var document = JsonDocument.Parse(await client.GetStringAsync("/odata/$metadata?$format=json"));
        var published = document.RootElement.GetProperty("Observatory").GetProperty("Warehouse").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Name).ToHashSet();
        var allSets = await AllSetsAsync(options);
        using var service = JsonDocument.Parse(await client.GetStringAsync("/odata"));
        var listed = service.RootElement.GetProperty("value").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToHashSet();

        var failures = new List<string>();
        foreach (var set in allSets)
        {
            var allowed = Allowed(role, set);
            Check(published.Contains(set) == allowed, $"$metadata {(allowed ? "lacks" : "lists")} {set}");
            Check(listed.Contains(set) == allowed, $"the service document {(allowed ? "lacks" : "lists")} {set}");
            var key = await FirstKeyAsync(options, set, role);
            var navigation = await FirstNavigationAsync(host, set);
            var requests = new List<string>
            {
                $"/odata/{set}?$top=2",
                $"/odata/{set}({key})",
                $"/odata/{set}/$count",
                $"/odata/{set}?$apply=aggregate($count as Rows)",
                $"/odata/{set}?$top=2&$format=csv",
            };
            if (navigation is not null)
            {
                requests.Add($"/odata/{set}?$top=2&$expand={navigation}");
            }

            foreach (var url in requests)
            {
                using var response = await client.GetAsync(url);
                await ExpectAsync(response, allowed || (url.Contains("$apply", StringComparison.Ordinal) && Counted(role, set)), role, set, url);
            }

            var batch = JsonSerializer.Serialize(new { requests = new[] { new { id = "1", method = "GET", url = $"{set}?$top=1" } } });
            using var batchResponse = await client.PostAsync("/odata/$batch", new StringContent(batch, Encoding.UTF8, "application/json"));
            using var parts = JsonDocument.Parse(await batchResponse.Content.ReadAsStringAsync());
            var part = parts.RootElement.GetProperty("responses")[0];
            Check(part.GetProperty("status").GetInt32() == (allowed ? 200 : 403), $"$batch part {set}: {part.GetProperty("status").GetInt32()}");
        }

        // Indicator values at the role's level: Researcher and Board controlled, Analyst and Admin unrestricted.
        using var levels = JsonDocument.Parse(await client.GetStringAsync("/odata/IndicatorValues?$apply=groupby((Disclosure))"));
        Check(levels.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Disclosure").GetString()).SequenceEqual(
            [role is Role.Admin or Role.Analyst ? "Unrestricted" : "Controlled"]), "indicator values at the wrong disclosure level");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        void Check(bool ok, string failure)
        {
            if (!ok)
            {
                failures.Add($"{role}: {failure}");
            }
        }

        async Task ExpectAsync(HttpResponseMessage response, bool allowed, Role who, string set, string url)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (allowed)
            {
                Check(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
                return;
            }

            Check(response.StatusCode == HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode}, not 403");
            Check(body.Contains($"The {who} role may not read {set}", StringComparison.Ordinal), $"{url}: the 403 does not name the role and the set: {body}");
        }
    }

    /// <summary>The roles table: Admin and Analyst read every set; Board and Researcher indicators and dimensions only.</summary>
    private static bool Allowed(Role role, string set) =>
        role is Role.Admin or Role.Analyst || (!Facts.Contains(set) && !Summaries.Contains(set));

    /// <summary>At the controlled level (Board and Researcher by default) the facts whose rows carry record keys may be counted through $apply.</summary>
    private static bool Counted(Role role, string set) => role is Role.Board or Role.Researcher && Facts.Contains(set) && set != "Population";

    private static async Task<IReadOnlyList<string>> AllSetsAsync(WarehouseOptions options)
    {
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();
        using var service = JsonDocument.Parse(await client.GetStringAsync("/odata"));
        var sets = service.RootElement.GetProperty("value").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Superset(Facts.Concat(Summaries).Concat(Indicators).ToHashSet(), sets.ToHashSet());
        return sets;
    }

    /// <summary>A key the role would find: indicator values at the role's disclosure level.</summary>
    private static async Task<string> FirstKeyAsync(WarehouseOptions options, string set, Role role)
    {
        if (set == "Indicators")
        {
            return $"'{(await WarehouseQueries.RowsAsync(options, "SELECT \"IndicatorId\" FROM \"Indicators\" ORDER BY 1 LIMIT 1"))[0][0]}'";
        }

        var level = role is Role.Admin or Role.Analyst ? "Unrestricted" : "Controlled";
        var rows = await WarehouseQueries.RowsAsync(options, set == "IndicatorValues"
            ? $"SELECT \"IndicatorValueId\" FROM \"IndicatorValues\" WHERE \"Disclosure\" = '{level}' LIMIT 1"
            : $"SELECT * FROM \"{set}\" LIMIT 1");
        return Convert.ToString(rows[0][0], System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<string?> FirstNavigationAsync(FeedHost host, string set)
    {
        using var client = host.CreateClient();
        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/odata/$metadata?$format=json"));
        var schema = metadata.RootElement.GetProperty("Observatory");
        var type = schema.GetProperty("Warehouse").GetProperty(set).GetProperty("$Type").GetString()!.Split('.')[^1];
        return schema.GetProperty(type).EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object
            && p.Value.TryGetProperty("$Kind", out var kind) && kind.GetString() == "NavigationProperty").Select(p => p.Name).FirstOrDefault();
    }
}
