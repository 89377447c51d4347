using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>Both modes, both ways in: the demo's anonymous Admin, API keys in header and query, and Entra ID tokens.</summary>
public class SignInTests(DemoWarehouses demo)
{
    [Fact]
    public async Task TheDemoLetsAnonymousCallersReadEverythingAsAdmin()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        using var referrals = await client.GetAsync("/odata/Referrals?$top=1");
        using var values = JsonDocument.Parse(await client.GetStringAsync("/odata/IndicatorValues?$apply=groupby((Disclosure))"));

        Assert.Equal(HttpStatusCode.OK, referrals.StatusCode);
        Assert.Equal("synthetic", referrals.Headers.GetValues("Observatory-Data").Single());
        Assert.Equal(["Unrestricted"], values.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Disclosure").GetString()));
    }

    [Fact]
    public async Task AKeyIsItsRoleInTheDemoFromTheHeaderOrTheQueryAndTwiceIsOnce()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var key = await TestKeys.CreateAsync(options, Role.Researcher);
        var other = await TestKeys.CreateAsync(options, Role.Analyst);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(client, "/odata/Referrals?$top=1", key));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/odata/Referrals?$top=1&api-key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/odata/Referrals?$top=1&api-key={key}&api-key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"/odata/Ethnicities?api-key={key}", key));
        using var controlled = JsonDocument.Parse(await ReadAsync(client, "/odata/IndicatorValues?$apply=groupby((Disclosure))", key));
        Assert.Equal(["Controlled"], controlled.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Disclosure").GetString()));

        using var two = await client.GetAsync($"/odata/Ethnicities?api-key={other}&api-key={key}");
        Assert.Equal(HttpStatusCode.Unauthorized, two.StatusCode);
        Assert.Contains("two different API keys", await two.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadExpiredAndRevokedKeysAreRefusedWithTheReason()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var expired = await TestKeys.CreateAsync(options, Role.Analyst, name: $"expired-{Guid.NewGuid():N}"[..20]);
        var revoked = await TestKeys.CreateAsync(options, Role.Analyst, name: $"revoked-{Guid.NewGuid():N}"[..20]);
        var store = TestKeys.Store(options);
        await using (var context = await store.OpenAsync())
        {
            var id = expired.Split('_', 3)[1];
            await context.ApiKeys.Where(k => k.KeyId == id).ExecuteUpdateAsync(k => k.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddDays(-2)));
        }

        await new Observatory.Access.Keys.ApiKeys(store, TimeProvider.System).RevokeAsync(
            (await new Observatory.Access.Keys.ApiKeys(store, TimeProvider.System).ListAsync()).Single(k => k.KeyId == revoked.Split('_', 3)[1]).Name);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        foreach (var (key, reason) in new[]
        {
            ("obs_000000000000_" + new string('A', 43), "The API key is not valid."),
            (revoked[..^1] + (revoked[^1] == 'A' ? 'B' : 'A'), "The API key is not valid."),
            ("not a key", "The API key is not valid."),
            (expired, "expired on"),
            (revoked, "was revoked on"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Ethnicities");
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(reason, body, StringComparison.Ordinal);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NextLinksNeverCarryTheKeyAndFollowWithItAddedAgain()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var key = await TestKeys.CreateAsync(options, Role.Analyst);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        using var first = JsonDocument.Parse(await client.GetStringAsync($"/odata/Referrals?$select=ReferralId&api-key={Uri.EscapeDataString(key)}&$filter=ServiceKey eq 1"));
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        Assert.DoesNotContain("api-key", next, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, next, StringComparison.Ordinal);

        // Power Query adds the key to every URL it requests, next links included.
        using var second = await client.GetAsync(next + (next.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-key=" + Uri.EscapeDataString(key));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task SecuredModeAnswersUnauthenticatedRequestsWithTheChallengePowerQueryFollows()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options, TestIdentityProvider.Settings) { ConfigureServices = new TestIdentityProvider().Trust };
        using var client = host.CreateClient();

        foreach (var path in new[] { "/odata", "/odata/$metadata", "/odata/Referrals", "/reports/progress", "/", "/no/such/page" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var bearer = response.Headers.WwwAuthenticate.Single(h => h.Scheme == "Bearer");
            Assert.Contains($"authorization_uri=\"https://login.microsoftonline.com/{TestIdentityProvider.Tenant}/oauth2/authorize\"", bearer.Parameter, StringComparison.Ordinal);
            Assert.Contains($"resource_id=\"{TestIdentityProvider.Audience}\"", bearer.Parameter, StringComparison.Ordinal);
            Assert.Contains("\"code\":\"Unauthorized\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An empty bearer, as Power Query sends when it probes for the way to sign in.
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/odata");
        probe.Headers.Authorization = new AuthenticationHeaderValue("Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(probe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task EntraTokensAreCheckedByTheRealBearerPipelineAndTheirAppRolesDecide()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var identity = new TestIdentityProvider();
        await using var host = new FeedHost(options, TestIdentityProvider.Settings) { ConfigureServices = identity.Trust };
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/odata/Referrals?$top=1", identity.Token(["Observatory.Analyst"])));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Referrals?$top=1", identity.Token(["Observatory.Researcher"])));
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/odata/Referrals?$top=1", identity.Token(["Observatory.Researcher", "Observatory.Admin"])));
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/odata/IndicatorValues?$top=1", identity.Token(["Observatory.Board"])));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Ethnicities", identity.Token([])));
        // A directory group called "Admin" sent as a role claim is not Observatory's Admin; an empty scope is not "every row".
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Admin"])));
        // Nor is the service's own role claim, which only the identities it builds (keys, the demo, embed tokens) may carry.
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Ethnicities", identity.Token([], extra: new Dictionary<string, object> { [Observatory.Api.Security.Caller.RoleClaim] = "Admin" })));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Observatory.Analyst"], scope: "")));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Observatory.Analyst"], scope: "region:North")));
        Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Observatory.Admin"], audience: "https://elsewhere.test")));
        Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Observatory.Admin"], lifetime: TimeSpan.FromHours(-2))));
        Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(client, "/odata/Ethnicities", identity.Token(["Observatory.Admin"], signingKey: TestIdentityProvider.ForgedKey())));
        Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(client, "/odata/Ethnicities", "not.a.token"));

        // A key works in secured mode too (over HTTPS, as keys must travel off this machine), and the user without a
        // role is told what to ask for.
        host.ClientOptions.BaseAddress = new Uri("https://localhost");
        using var secure = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(secure, "/odata/Referrals?$top=1", await TestKeys.CreateAsync(options, Role.Analyst)));
        using var norole = new HttpRequestMessage(HttpMethod.Get, "/odata/Ethnicities");
        norole.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Token([]));
        Assert.Contains("hold no Observatory role", await (await client.SendAsync(norole)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecuredModeMayListenBeyondLoopbackAndTheDemoMayNot()
    {
        var secured = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(TestIdentityProvider.Settings)
        {
            ["urls"] = "http://0.0.0.0:5080",
        }).Build();
        Observatory.Api.Startup.LoopbackGuard.Check(secured);
        var keysOnly = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:5080",
            ["Security:Mode"] = "Secured",
        }).Build();
        Observatory.Api.Startup.LoopbackGuard.Check(keysOnly);
        var demoMode = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:5080",
        }).Build();
        var refused = Assert.Throws<Observatory.Api.Startup.StartupException>(() => Observatory.Api.Startup.LoopbackGuard.Check(demoMode));
        Assert.Contains("In demo mode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoRefusesAWarehouseOfRealRecords()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        await WarehouseQueries.ScalarAsync(location.Options, "UPDATE \"WarehouseLoads\" SET \"IsSynthetic\" = 0");

        var result = await ProcessRunner.RunAsync("Observatory.Api.dll",
            ["--urls", "http://127.0.0.1:0", "--ConnectionStrings:Warehouse", location.Options.ConnectionString]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("This warehouse holds real records", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> ReadAsync(HttpClient client, string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpStatusCode> BearerAsync(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
