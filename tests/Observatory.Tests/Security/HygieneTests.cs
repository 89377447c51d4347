using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>Rate limits, security headers, and secrets kept out of logs, error bodies and links.</summary>
public class HygieneTests(DemoWarehouses demo)
{
    [Fact]
    public async Task EachKeyHasItsOwnRateLimitAnsweredAs429WithRetryAfter()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var limited = await TestKeys.CreateAsync(options, Role.Analyst);
        var other = await TestKeys.CreateAsync(options, Role.Analyst);
        await using var host = new FeedHost(options, new Dictionary<string, string?> { ["Security:RequestsPerMinute"] = "5" });
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Genders");
            request.Headers.Add("X-Api-Key", limited);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("TooManyRequests", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using var fresh = new HttpRequestMessage(HttpMethod.Get, "/odata/Genders");
        fresh.Headers.Add("X-Api-Key", other);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(fresh)).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Genders")).StatusCode);
        }
    }

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();

        foreach (var path in new[] { "/", "/odata", "/odata/$metadata", "/odata/Genders", "/odata/Nothing", "/reports/progress", "/health/live" })
        {
            using var response = await client.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task NoKeyTokenOrPasswordReachesALogLineOrAnErrorBody()
    {
        var options = await demo.GetAsync(WarehouseProvider.PostgreSql);
        var key = await TestKeys.CreateAsync(options, Role.Researcher);
        var identity = new TestIdentityProvider();
        var token = identity.Token(["Observatory.Analyst"]);
        var forged = identity.Token(["Observatory.Admin"], signingKey: TestIdentityProvider.ForgedKey());
        var settings = new Dictionary<string, string?>(TestIdentityProvider.Settings)
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        };
        await using var host = new FeedHost(options, settings) { ConfigureServices = identity.Trust };
        using var client = host.CreateClient();
        var bodies = new List<string>();

        var escaped = string.Concat(key.Select(c => $"%{(int)c:X2}"));
        foreach (var url in new[] { $"/odata/Referrals?api-key={key}", $"/odata/Ethnicities?API-KEY={key}", $"/odata/Ethnicities?api%2Dkey={key}&$top=x", $"/nothing?api-key={key}", $"/odata/Genders?%61pi-key={escaped}" })
        {
            bodies.Add(await (await client.GetAsync(url)).Content.ReadAsStringAsync());
        }

        foreach (var (scheme, value) in new[] { ("Bearer", token), ("Bearer", forged) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Referrals?$top=1&$filter=nonsense");
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);
            request.Headers.Add("X-Api-Key", key);
            bodies.Add(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
            using var bearerOnly = new HttpRequestMessage(HttpMethod.Get, "/odata/Referrals?$top=1");
            bearerOnly.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);
            bodies.Add(await (await client.SendAsync(bearerOnly)).Content.ReadAsStringAsync());
        }

        var password = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).Password!;
        Assert.True(host.Logs.Count > 20, "the host logged too little for the test to mean anything");
        Assert.Contains(host.Logs, line => line.Contains("api-key=[removed]", StringComparison.OrdinalIgnoreCase));
        foreach (var secret in new[] { key, key.Split('_', 3)[2], escaped, token, token.Split('.')[2], forged.Split('.')[2] })
        {
            Assert.DoesNotContain(host.Logs, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, body => body.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(host.Logs, line => line.Contains($"Password={password}", StringComparison.OrdinalIgnoreCase));
    }
}
