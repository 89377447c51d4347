using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>
/// A caller limited to a borough or a provider sees no row of another, by every path: pages, $count, keys, $apply,
/// $expand, $batch parts, CSV and the report page; each count checked against the database's own, on both providers.
/// </summary>
public class RowScopeTests(DemoWarehouses demo)
{
    private const string Borough = "City of London";
    private const string Provider = "RQX";

    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABoroughScopedCallerSeesOnlyThatBoroughsResidents(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, $"borough:{Borough}");

        foreach (var (set, path, sql) in new[]
        {
            ("Referrals", "Area/Borough", "SELECT COUNT(*) FROM \"Referrals\" f JOIN \"Areas\" a ON a.\"AreaKey\" = f.\"AreaKey\" WHERE a.\"Borough\" = 'City of London'"),
            ("HealthChecks", "Area/Borough", "SELECT COUNT(*) FROM \"HealthChecks\" f JOIN \"Areas\" a ON a.\"AreaKey\" = f.\"AreaKey\" WHERE a.\"Borough\" = 'City of London'"),
            ("Population", "Area/Borough", "SELECT COUNT(*) FROM \"Population\" f JOIN \"Areas\" a ON a.\"AreaKey\" = f.\"AreaKey\" WHERE a.\"Borough\" = 'City of London'"),
            ("Appointments", "Referral/Area/Borough", "SELECT COUNT(*) FROM \"Appointments\" f JOIN \"Referrals\" r ON r.\"ReferralId\" = f.\"ReferralId\" JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" WHERE a.\"Borough\" = 'City of London'"),
            ("ProgrammeOutcomes", "Referral/Area/Borough", "SELECT COUNT(*) FROM \"ProgrammeOutcomes\" f JOIN \"Referrals\" r ON r.\"ReferralId\" = f.\"ReferralId\" JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" WHERE a.\"Borough\" = 'City of London'"),
            ("MonthlyReferrals", "Borough", "SELECT COUNT(*) FROM \"MonthlyReferrals\" WHERE \"Borough\" = 'City of London'"),
            ("MonthlyOutcomes", "Borough", "SELECT COUNT(*) FROM \"MonthlyOutcomes\" WHERE \"Borough\" = 'City of London'"),
            ("YearlyHealthChecks", "Borough", "SELECT COUNT(*) FROM \"YearlyHealthChecks\" WHERE \"Borough\" = 'City of London'"),
            ("IndicatorValues", "Area", "SELECT COUNT(*) FROM \"IndicatorValues\" WHERE \"Area\" = 'City of London' AND \"Disclosure\" = 'Unrestricted'"),
        })
        {
            var expected = (long)await WarehouseQueries.ScalarAsync(options, sql);
            Assert.True(expected > 0, $"{set} has no rows in {Borough}: the test proves nothing");
            Assert.Equal(expected, long.Parse(await client.GetStringAsync($"/odata/{set}/$count"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal([Borough], await GroupsAsync(client, set, path));
            Assert.Equal(expected, await BatchCountAsync(client, set));
            var csv = await client.GetStringAsync($"/odata/{set}?$apply=groupby(({path}),aggregate($count as Rows))&$format=csv");
            Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains(Borough, csv, StringComparison.Ordinal);
        }

        // By key: a Hackney resident's referral is not there; the City's is.
        var hackney = await FirstAsync(options, "SELECT f.\"ReferralId\" FROM \"Referrals\" f JOIN \"Areas\" a ON a.\"AreaKey\" = f.\"AreaKey\" WHERE a.\"Borough\" = 'Hackney' ORDER BY 1 LIMIT 1");
        var city = await FirstAsync(options, "SELECT f.\"ReferralId\" FROM \"Referrals\" f JOIN \"Areas\" a ON a.\"AreaKey\" = f.\"AreaKey\" WHERE a.\"Borough\" = 'City of London' ORDER BY 1 LIMIT 1");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/odata/Referrals({hackney})")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/odata/Referrals({hackney})/Area")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/Referrals({city})")).StatusCode);

        // $expand from a scoped fact reaches only scoped rows.
        using var expanded = JsonDocument.Parse(await client.GetStringAsync("/odata/Appointments?$top=200&$expand=Referral($select=ReferralId;$expand=Area($select=Borough))"));
        Assert.All(expanded.RootElement.GetProperty("value").EnumerateArray(),
            a => Assert.Equal(Borough, a.GetProperty("Referral").GetProperty("Area").GetProperty("Borough").GetString()));

        // Dimensions are not limited.
        Assert.Contains("Hackney", await client.GetStringAsync("/odata/Areas?$apply=groupby((Borough))"), StringComparison.Ordinal);

        // The report page is the borough's.
        var page = await client.GetStringAsync("/reports/progress");
        Assert.Contains($"{Borough} residents", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AProviderScopedCallerSeesOnlyTheRowsOfItsServices(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, $"provider:{Provider}");

        foreach (var (set, sql) in new[]
        {
            ("Referrals", "SELECT COUNT(*) FROM \"Referrals\" f JOIN \"Services\" s ON s.\"ServiceKey\" = f.\"ServiceKey\" JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" WHERE p.\"Code\" = 'RQX'"),
            ("Appointments", "SELECT COUNT(*) FROM \"Appointments\" f JOIN \"Services\" s ON s.\"ServiceKey\" = f.\"ServiceKey\" JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" WHERE p.\"Code\" = 'RQX'"),
            ("MonthlyReferrals", "SELECT COUNT(*) FROM \"MonthlyReferrals\" f JOIN \"Services\" s ON s.\"ServiceKey\" = f.\"ServiceKey\" JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" WHERE p.\"Code\" = 'RQX'"),
            ("MonthlyOutcomes", "SELECT COUNT(*) FROM \"MonthlyOutcomes\" f JOIN \"Services\" s ON s.\"ServiceKey\" = f.\"ServiceKey\" JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" WHERE p.\"Code\" = 'RQX'"),
        })
        {
            var expected = (long)await WarehouseQueries.ScalarAsync(options, sql);
            Assert.True(expected > 0, $"{set} has no rows of {Provider}: the test proves nothing");
            Assert.Equal(expected, long.Parse(await client.GetStringAsync($"/odata/{set}/$count"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal([Provider], await GroupsAsync(client, set, "Service/Provider/Code"));
            Assert.Equal(expected, await BatchCountAsync(client, set));
        }

        // RQX runs no community programme.
        Assert.Equal("0", await client.GetStringAsync("/odata/ProgrammeOutcomes/$count"));
        foreach (var set in new[] { "HealthChecks", "YearlyHealthChecks" })
        {
            using var refused = await client.GetAsync($"/odata/{set}?$top=1");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("recorded by GP practices", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Indicator values: the Talking Therapies indicators (RQX runs TT), and the service breakdown's TT rows.
        using var values = JsonDocument.Parse(await client.GetStringAsync("/odata/IndicatorValues?$apply=groupby((IndicatorId,Breakdown,GroupCode))"));
        var rows = values.RootElement.GetProperty("value").EnumerateArray()
            .Select(v => (Id: v.GetProperty("IndicatorId").GetString()!, Breakdown: v.GetProperty("Breakdown").GetString()!, Group: v.GetProperty("GroupCode").GetString()!)).ToList();
        Assert.Contains(rows, r => r.Id == "tt-recovery");
        Assert.All(rows, r => Assert.True(r.Id.StartsWith("tt-", StringComparison.Ordinal) || (r.Breakdown == "service" && r.Group == "TT"), $"{r} leaks"));
    }

    private static async Task<HttpClient> ClientAsync(FeedHost host, WarehouseOptions options, string scope)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, Role.Analyst, scope));
        return client;
    }

    private static async Task<List<string>> GroupsAsync(HttpClient client, string set, string path)
    {
        using var groups = JsonDocument.Parse(await client.GetStringAsync($"/odata/{set}?$apply=groupby(({path}))"));
        return groups.RootElement.GetProperty("value").EnumerateArray().Select(g => Leaf(g, path.Split('/'))).ToList();
    }

    private static string Leaf(JsonElement element, string[] path) => path.Length == 1
        ? element.GetProperty(path[0]).GetString()!
        : Leaf(element.GetProperty(path[0]), path[1..]);

    private static async Task<long> BatchCountAsync(HttpClient client, string set)
    {
        var body = JsonSerializer.Serialize(new { requests = new[] { new { id = "1", method = "GET", url = $"{set}?$count=true&$top=0" } } });
        using var response = await client.PostAsync("/odata/$batch", new StringContent(body, Encoding.UTF8, "application/json"));
        using var parts = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return parts.RootElement.GetProperty("responses")[0].GetProperty("body").GetProperty("@odata.count").GetInt64();
    }

    private static async Task<long> FirstAsync(WarehouseOptions options, string sql) =>
        Convert.ToInt64((await WarehouseQueries.RowsAsync(options, sql))[0][0], System.Globalization.CultureInfo.InvariantCulture);
}
