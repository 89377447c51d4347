using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Embedding.Embeds;

namespace Observatory.Tests.Embedding;

/// <summary>
/// An embed token's locked filters are row policy: whatever the page asks, it reads its dashboard's indicators and the
/// locked rows only, and each figure equals what a named account gets by adding the same filter itself. On both providers.
/// </summary>
public class EmbeddedRowsTests(DemoWarehouses demo)
{
    private const string Year = "2022/23";
    private const string City = "City of London";

    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABoroughLockedTokenReadsItsDashboardsValuesForItsBoroughOnlyWhateverItAsks(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = SecuredHost(options);
        using var admin = Client(host, await TestKeys.CreateAsync(options, Role.Admin));
        using var board = Client(host, await TestKeys.CreateAsync(options, Role.Board));
        using var client = host.CreateClient();
        var token = await TokenAsync(admin, null, new { dashboard = "talking-therapies", filters = new { borough = new[] { City } }, disclosure = "Controlled" });

        var groups = (await RowsAsync(client, token, "/odata/IndicatorValues?$apply=groupby((IndicatorId,Area,Disclosure))"))
            .Select(r => (r.GetProperty("IndicatorId").GetString(), r.GetProperty("Area").GetString(), r.GetProperty("Disclosure").GetString())).ToList();
        Assert.Equal([("tt-dropout", City, "Controlled"), ("tt-recovery", City, "Controlled")], groups.Order());
        // A Board account reads the controlled values: the same ones, with the token's conditions written as a filter.
        var expected = await board.GetStringAsync($"/odata/IndicatorValues/$count?$filter=IndicatorId in ('tt-dropout','tt-recovery') and Area eq '{City}'");
        Assert.True(long.Parse(expected, CultureInfo.InvariantCulture) > 100, $"{expected} values: the test proves nothing");
        Assert.Equal(expected, await TextAsync(client, token, "/odata/IndicatorValues/$count"));

        // Asking by name for an area outside the lock, another borough or the ICS, is refused as a scoped caller's is (403
        // OutsideScope, not an empty answer); asking for more otherwise finds nothing more: another indicator, the other level.
        foreach (var filter in new[] { "Area eq 'Hackney'", "Area eq 'City and Hackney'", "Area in ('City of London','Hackney')", "not (Area ne 'Hackney')" })
        {
            var (refused, code, outside) = await ErrorAsync(await GetAsync(client, token, $"/odata/IndicatorValues/$count?$filter={Uri.EscapeDataString(filter)}"));
            Assert.Equal((HttpStatusCode.Forbidden, "OutsideScope"), (refused, code));
            Assert.Contains($"This embed token locks borough to '{City}'", outside, StringComparison.Ordinal);
        }

        foreach (var filter in new[] { "IndicatorId eq 'tt-referrals'", "Disclosure eq 'Unrestricted'", "Area ne 'City of London'" })
        {
            Assert.Equal("0", await TextAsync(client, token, $"/odata/IndicatorValues/$count?$filter={Uri.EscapeDataString(filter)}"));
        }

        Assert.Equal(["tt-dropout", "tt-recovery"], (await RowsAsync(client, token, "/odata/Indicators?$select=IndicatorId")).Select(r => r.GetProperty("IndicatorId").GetString()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, token, "/odata/Indicators('tt-referrals')")).StatusCode);
        Assert.Equal(await admin.GetStringAsync("/odata/Areas/$count"), await TextAsync(client, token, "/odata/Areas/$count"));

        // No fact rows, no summary cells, and not the controlled counts a Board account may ask for.
        foreach (var path in new[] { "/odata/Referrals?$top=1", "/odata/MonthlyReferrals?$top=1", "/odata/Referrals?$apply=groupby((Area/Borough),aggregate($count as Count))" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, token, path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/odata/Referrals?$apply=groupby((Area/Borough),aggregate($count as Count))")).StatusCode);

        // A $batch part is answered as a request of its own.
        using var batch = new HttpRequestMessage(HttpMethod.Post, "/odata/$batch")
        {
            Content = new StringContent("""{"requests":[{"id":"1","method":"GET","url":"IndicatorValues?$filter=Area eq 'Hackney'&$count=true&$top=0"},{"id":"2","method":"GET","url":"Referrals/$count"}]}""",
                Encoding.UTF8, "application/json"),
        };
        batch.Headers.Authorization = new("Embed", token);
        using var parts = JsonDocument.Parse(await (await client.SendAsync(batch)).Content.ReadAsStringAsync());
        Assert.Equal(403, parts.RootElement.GetProperty("responses")[0].GetProperty("status").GetInt32());
        Assert.Equal("OutsideScope", parts.RootElement.GetProperty("responses")[0].GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(403, parts.RootElement.GetProperty("responses")[1].GetProperty("status").GetInt32());

        // Live: the locked borough only, the dashboard's indicators only; and then what a Board account gets for the borough.
        var (status, _, message) = await ErrorAsync(await GetAsync(client, token, Evaluate("tt-recovery", Year, "Hackney")));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"This embed token locks borough to '{City}': evaluate for area='{City}'", message, StringComparison.Ordinal);
        (status, var outsideCode, message) = await ErrorAsync(await GetAsync(client, token, Evaluate("tt-recovery", Year, City, null, "Area/Borough eq 'Hackney'")));
        Assert.Equal((HttpStatusCode.Forbidden, "OutsideScope"), (status, outsideCode));
        Assert.Contains("Referrals has no rows with Area/Borough 'Hackney' for you", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, token, Evaluate("tt-recovery", Year))).StatusCode);
        (status, _, message) = await ErrorAsync(await GetAsync(client, token, Evaluate("tt-referrals", Year, City)));
        Assert.Equal((HttpStatusCode.Forbidden, "This embed token is for dashboard 'talking-therapies', which does not show tt-referrals."), (status, message));
        var live = await RowsAsync(client, token, Evaluate("tt-recovery", Year, City, "age-band"));
        Assert.Equal(Figures(await RowsAsync(board, null, Evaluate("tt-recovery", Year, City, "age-band"))), Figures(live));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ALockStoredValuesCannotHonourRefusesThemAndNarrowsLiveValuesAsTheSameFilterWould(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = SecuredHost(options);
        using var admin = Client(host, await TestKeys.CreateAsync(options, Role.Admin));
        using var client = host.CreateClient();

        var token = await TokenAsync(admin, null, new { dashboard = "talking-therapies", filters = new { service = "TT", gender = "Female (including trans woman)" } });
        var (status, _, message) = await ErrorAsync(await GetAsync(client, token, "/odata/IndicatorValues?$top=1"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("stored IndicatorValues are not computed for it: evaluate the dashboard's indicators live instead, as in Indicators('id')/Observatory.Evaluate(", message, StringComparison.Ordinal);
        await SameAsAdminAsync(client, token, admin, ("tt-recovery", "Hackney", "age-band"), "Service/Code eq 'TT' and Gender/Name eq 'Female (including trans woman)'");
        // The page cannot undo a lock with a filter of its own: naming another gender than the locked one is refused (403
        // OutsideScope, as a scoped caller naming another borough is); excluding one leaves the lock holding.
        var (undone, undoneCode, _) = await ErrorAsync(await GetAsync(client, token, Evaluate("tt-recovery", Year, "Hackney", "age-band", "Gender/Name eq 'Male (including trans man)'")));
        Assert.Equal((HttpStatusCode.Forbidden, "OutsideScope"), (undone, undoneCode));
        var excluded = await RowsAsync(client, token, Evaluate("tt-recovery", Year, "Hackney", "age-band", "Gender/Name ne 'Female (including trans woman)'"));
        Assert.All(excluded, r => Assert.True(Number(r, "Denominator") is null or 0, r.ToString()));

        // A rate's census denominator is narrowed by the age band too, as the filter narrows it.
        var rate = await TokenAsync(admin, null, new { dashboard = "camhs", filters = new { borough = "Hackney" } });
        var locked = await TokenAsync(admin, null, new { dashboard = "camhs", filters = new Dictionary<string, string> { ["borough"] = "Hackney", ["age-band"] = "11-15" } });
        var narrowed = await SameAsAdminAsync(client, locked, admin, ("camhs-referral-rate", "Hackney", null), "AgeBand/Name eq '11-15'");
        var whole = Assert.Single(await RowsAsync(client, rate, Evaluate("camhs-referral-rate", Year, "Hackney")));
        Assert.True(Assert.Single(narrowed).Denominator < Number(whole, "Denominator") / 3, "the census population is narrowed");

        // Programme outcomes record their own gender.
        var programme = await TokenAsync(admin, null, new { dashboard = "growing-minds", filters = new { gender = "Male (including trans man)" } });
        await SameAsAdminAsync(client, programme, admin, ("gm-tol-wellbeing-change", null, null), "Gender/Name eq 'Male (including trans man)'");

        // Health checks record no service: a service lock leaves them nothing to count.
        var checks = await TokenAsync(admin, null, new { dashboard = "health-checks", filters = new { service = "TT" } });
        var none = await RowsAsync(client, checks, Evaluate("smi-all-six", Year, "Hackney"));
        Assert.All(none, r => Assert.True(Number(r, "Denominator") is null or 0, r.ToString()));
        Assert.True(Number((await RowsAsync(admin, null, Evaluate("smi-all-six", Year, "Hackney"))).Single(r => r.GetProperty("Breakdown").GetString() == "overall"), "Denominator") > 0);
    }

    /// <summary>The token's live figures for an evaluation of the year equal an Admin's with the lock written as a filter.</summary>
    private static async Task<List<(string Breakdown, string Group, double? Numerator, double? Denominator, double? Value)>> SameAsAdminAsync(
        HttpClient client, string token, HttpClient admin, (string Indicator, string? Area, string? Breakdown) slice, string filter)
    {
        var asAdmin = Evaluate(slice.Indicator, Year, slice.Area, slice.Breakdown, filter);
        var expected = Figures(await RowsAsync(admin, null, asAdmin));
        var actual = Figures(await RowsAsync(client, token, Evaluate(slice.Indicator, Year, slice.Area, slice.Breakdown)));
        Assert.True(expected.Any(f => f.Denominator > 0), $"{asAdmin} counts nothing: the test proves nothing");
        Assert.Equal(expected, actual);
        return actual;
    }

    private static List<(string Breakdown, string Group, double? Numerator, double? Denominator, double? Value)> Figures(List<JsonElement> rows) =>
        [.. rows.Select(r => (r.GetProperty("Breakdown").GetString()!, r.GetProperty("GroupCode").GetString()!, Number(r, "Numerator"), Number(r, "Denominator"), Number(r, "Value"))).Order()];

    private static double? Number(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Number ? row.GetProperty(name).GetDouble() : null;

    private static async Task<List<JsonElement>> RowsAsync(HttpClient client, string? token, string url) =>
        token is null ? await Embeds.RowsAsync(await client.GetAsync(url), url) : await Embeds.RowsAsync(client, token, url);

    private static async Task<string> TextAsync(HttpClient client, string token, string url)
    {
        using var response = await GetAsync(client, token, url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {url}: {body}");
        return body;
    }

    private static HttpClient Client(FeedHost host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
