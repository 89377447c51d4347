using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Observatory.Access.Audit;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>The audit trail: what it records, that it keeps no secret, that it cannot be changed, and that it outlives loads.</summary>
public class AuditTests
{
    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryRequestIsRecordedWithoutItsSecretAndTheTrailSurvivesALoad(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options);
        var name = $"audited-{Guid.NewGuid():N}"[..20];
        var key = await TestKeys.CreateAsync(location.Options, Role.Researcher, "borough:Hackney", name);
        await using (var host = new FeedHost(location.Options))
        {
            using var client = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/Ethnicities?$top=3&api-key={key}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/odata/Referrals?api-key={key}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/odata/Ethnicities?api-key=obs_nothing")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Genders")).StatusCode);
            using var batch = new StringContent("""{"requests":[{"id":"1","method":"GET","url":"Ethnicities?$top=2"},{"id":"2","method":"GET","url":"Referrals/$count"}]}""",
                System.Text.Encoding.UTF8, "application/json");
            batch.Headers.Add("X-Api-Key", key);
            using var batchRequest = new HttpRequestMessage(HttpMethod.Post, "/odata/$batch") { Content = batch };
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(batchRequest)).StatusCode);
            using var query = new HttpRequestMessage(HttpMethod.Post, "/odata/Genders/$query") { Content = new StringContent("$top=1", System.Text.Encoding.UTF8, "text/plain") };
            query.Headers.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(query)).StatusCode);
        }

        // A new load replaces the warehouse whole; the trail is kept apart from it.
        await SmallWarehouse.SeedAsync(location.Options, seed: 2, replace: true);
        var entries = await new AuditTrail(TestKeys.Store(location.Options)).ReadAsync(null, null, 100);

        var mine = entries.Where(e => e.Identity == $"key:{name}").ToList();
        // Two reads, the batch, each of its parts, and the POST .../$query with its query from the body.
        Assert.Equal(6, mine.Count);
        Assert.All(mine, e => Assert.Equal(("Researcher", "borough:Hackney"), (e.Role, e.Scope)));
        Assert.Contains(mine, e => e is { Method: "GET ($batch)", Path: "/odata/Ethnicities", Query: "?$top=2", Status: 200, Rows: 2 });
        Assert.Contains(mine, e => e is { Method: "GET ($batch)", Path: "/odata/Referrals/$count", Status: 403 });
        Assert.Contains(mine, e => e is { Method: "POST", Path: "/odata/$batch", Status: 200, Rows: 2 });
        Assert.Contains(mine, e => e is { Method: "POST", Path: "/odata/Genders/$query", Query: "?$top=1", Status: 200, Rows: 1 });
        Assert.Equal((200, 3L), (mine[0].Status, mine[0].Rows!.Value));
        Assert.Equal(("/odata/Ethnicities", "?$top=3&api-key=[removed]"), (mine[0].Path, mine[0].Query));
        Assert.Equal(403, mine[1].Status);
        Assert.Contains(entries, e => e is { Identity: "anonymous", Status: 401 });
        Assert.Contains(entries, e => e is { Identity: "demo", Role: "Admin", Status: 200, Path: "/odata/Genders" });
        Assert.All(entries, e => Assert.DoesNotContain(key, e.Query + e.Path, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.True(e.DurationMs >= 0));

        // The key's last use is recorded (to the minute).
        var used = (await new Observatory.Access.Keys.ApiKeys(TestKeys.Store(location.Options), TimeProvider.System).ListAsync()).Single(k => k.Name == name);
        Assert.True(used.LastUsedAt > DateTime.UtcNow.AddMinutes(-5), $"last used {used.LastUsedAt}");

        // The command line reads the same trail.
        var result = await ProcessRunner.RunAsync("observatory.dll", ["audit", "--identity", $"key:{name}", "--json", .. Location(location.Options)],
            environment: Environment(location.Options));
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(6, json.RootElement.GetArrayLength());
        Assert.Equal([200, 403], json.RootElement.EnumerateArray().Take(2).Select(e => e.GetProperty("status").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheTrailIsAppendOnly(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        var store = TestKeys.Store(location.Options);
        await new AuditTrail(store).AppendAsync([new() { At = DateTime.UtcNow, Identity = "key:x", Method = "GET", Path = "/odata", Query = "", Status = 200 }]);
        await using var context = await store.OpenAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => context.AuditEntries.ExecuteUpdateAsync(e => e.SetProperty(p => p.Status, 500)));
        await Assert.ThrowsAnyAsync<Exception>(() => context.AuditEntries.ExecuteDeleteAsync());
        Assert.Equal(200, (await context.AuditEntries.SingleAsync()).Status);
    }

    /// <summary>Where the command line finds a test warehouse's service store (its own schema on PostgreSQL).</summary>
    public static Dictionary<string, string> Environment(WarehouseOptions options) =>
        TestKeys.ServiceSchema(options) is { } schema ? new() { ["Service__Schema"] = schema } : [];

    /// <summary>The command line's options for a test warehouse.</summary>
    public static string[] Location(WarehouseOptions options) => options.Provider == WarehouseProvider.Sqlite
        ? ["--connection", options.ConnectionString]
        : ["--provider", "PostgreSql", "--connection", options.ConnectionString, "--schema", options.Schema];
}
