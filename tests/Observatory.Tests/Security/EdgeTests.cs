using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>The edge of a secured deployment: proxies, HTTPS, body sizes, and a service store that fails.</summary>
public class EdgeTests(DemoWarehouses demo)
{
    private const string PeerHeader = "X-Test-Peer";

    [Fact]
    public async Task ForwardedHeadersAreBelievedOnlyFromTheConfiguredProxies()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options, new Dictionary<string, string?>
        {
            ["Security:KnownProxies:0"] = "10.0.0.1",
            ["AllowedHosts"] = "localhost;observatory.example",
        })
        { ConfigureServices = services => services.AddTransient<IStartupFilter, PeerFromHeader>() };
        using var client = host.CreateClient();

        Assert.Equal("https://observatory.example/odata/$metadata#Genders", await ContextAsync(client, "10.0.0.1"));
        Assert.Equal("http://localhost/odata/$metadata#Genders", await ContextAsync(client, "10.0.0.2"));
    }

    [Fact]
    public async Task SecuredModeRedirectsToHttpsAndSendsHstsOffLoopback()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var identity = new TestIdentityProvider();
        await using var host = new FeedHost(options, new Dictionary<string, string?>(TestIdentityProvider.Settings)
        {
            ["AllowedHosts"] = "observatory.example",
            ["https_port"] = "443",
        })
        { ConfigureServices = identity.Trust };
        host.ClientOptions.AllowAutoRedirect = false;
        host.ClientOptions.BaseAddress = new Uri("http://observatory.example");
        using var plain = host.CreateClient();
        using var redirected = await plain.GetAsync("/odata/Genders");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://observatory.example/odata/Genders", redirected.Headers.Location?.ToString());
        // A key sent in the clear is refused rather than repeated in a redirect's Location.
        using var clear = await plain.GetAsync("/odata/Genders?api-key=obs_0123456789ab_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.BadRequest, clear.StatusCode);
        Assert.Null(clear.Headers.Location);
        Assert.Contains("HttpsRequired", await clear.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        host.ClientOptions.BaseAddress = new Uri("https://observatory.example");
        using var secure = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Genders");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", identity.Token(["Observatory.Researcher"]));
        using var answered = await secure.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.StartsWith("max-age=", answered.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedWith413InJson()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString,
            ["Security:MaxRequestBodyBytes"] = "65536",
        });
        using var client = new HttpClient { BaseAddress = host.Address };

        foreach (var (path, type) in new[] { ("odata/Referrals/$query", "text/plain"), ("odata/$batch", "application/json") })
        {
            using var content = new StringContent("$filter=" + new string('x', 200_000), Encoding.UTF8, type);
            using var response = await client.PostAsync(path, content);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("larger than this service accepts", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AServiceStoreThatCannotBeReadAnswers503AndTheHostRecovers()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        var key = await TestKeys.CreateAsync(location.Options, Role.Analyst);
        var file = Path.Combine(Path.GetDirectoryName(location.Options.SqliteFilePath)!, "warehouse-service.db");
        await using var host = new FeedHost(location.Options);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Genders")).StatusCode);

        var kept = await File.ReadAllBytesAsync(file);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(file, Encoding.ASCII.GetBytes(new string('x', 8192)));
        using (var refused = await client.GetAsync("/odata/Genders"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var body = await refused.Content.ReadAsStringAsync();
            using var error = JsonDocument.Parse(body);
            Assert.Equal("ServiceStoreUnavailable", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            // The answer may reach a caller not signed in yet: it names nothing of the server.
            Assert.DoesNotContain(Path.GetDirectoryName(file)!, body, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite", body, StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(file, kept);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Genders")).StatusCode);
    }

    [Fact]
    public async Task TheDemoSaysWhatItIsOnItsPagesAndAnswers()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        using var home = await client.GetAsync("/");
        var page = await home.Content.ReadAsStringAsync();
        Assert.Equal("synthetic", home.Headers.GetValues("Observatory-Data").Single());
        Assert.Contains("Demo mode", page, StringComparison.Ordinal);
        Assert.Contains("act as Admin", page, StringComparison.Ordinal);
    }

    private static async Task<string> ContextAsync(HttpClient client, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Genders");
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Forwarded-Host", "observatory.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("@odata.context").GetString()!;
    }

    /// <summary>Stands in for the network: the in-memory server has no peer address, so the test names one.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
