using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Faults;

/// <summary>
/// Faults of the warehouse while the host serves (the file moved away, replaced by something else, locked by a
/// writer; the PostgreSQL schema gone): every kind of request answers 503 with Retry-After and an OData error,
/// never an empty 200; nothing is created on a read; and the host recovers by itself once the cause is gone.
/// </summary>
public class WarehouseFaultTests
{
    /// <summary>One request of every kind the feed and the host answer from the warehouse.</summary>
    public static readonly string[] Reads =
    [
        "/odata/Referrals?$top=3", "/odata/Referrals/$count", "/odata/Referrals(1)", "/odata/Referrals(1)/Ethnicity/Code",
        "/odata/Referrals?$apply=aggregate($count as N)", "/odata/Referrals?$format=csv&$top=3", "/reports/progress",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMissingWarehouseAnswers503WithRetryAfterIsNeverCreatedAndComesBackWhenRestored()
    {
        await using var location = await SeededAsync();
        using var host = new FeedHost(location.Options);
        var client = host.CreateClient();
        await AssertServedAsync(client);
        var file = location.Options.SqliteFilePath;
        File.Move(file, file + ".away");

        await AssertUnavailableAsync(client, "no warehouse");
        Assert.False(File.Exists(file), "a read created the warehouse file");

        File.Move(file + ".away", file);
        await AssertServedAsync(client);
    }

    [Fact]
    public async Task AFileThatIsNotAWarehouseAnswers503UntilTheWarehouseIsBack()
    {
        await using var location = await SeededAsync();
        using var host = new FeedHost(location.Options);
        var client = host.CreateClient();
        await AssertServedAsync(client);
        var file = location.Options.SqliteFilePath;
        File.Move(file, file + ".away");
        await File.WriteAllBytesAsync(file, Enumerable.Range(0, 65_536).Select(i => (byte)(i * 7919 % 251)).ToArray(), Cancel);

        await AssertUnavailableAsync(client, "not a database");

        File.Move(file + ".away", file, overwrite: true);
        await AssertServedAsync(client);
    }

    [Fact]
    public async Task AWriterHoldingTheWarehouseLockMakesReadsAnswer503Promptly()
    {
        await using var location = await SeededAsync();
        using var host = new FeedHost(location.Options);
        var client = host.CreateClient();
        await AssertServedAsync(client);

        await using (var writer = new SqliteConnection(location.Options.ConnectionString + ";Pooling=False"))
        {
            await writer.OpenAsync(Cancel);
            await using (var exclusive = writer.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync(Cancel);
            }

            SqliteConnection.ClearAllPools();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri("/odata/Referrals?$top=3", UriKind.Relative), Cancel);
            await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"a locked warehouse took {clock.Elapsed.TotalSeconds:F1} s to answer");
        }

        await AssertServedAsync(client);
    }

    [Fact]
    public async Task APostgreSqlWarehouseWhoseSchemaDisappearsAnswers503()
    {
        await using var location = TestLocation.PostgreSql();
        await SmallWarehouse.SeedAsync(location.Options);
        using var host = new FeedHost(location.Options);
        var client = host.CreateClient();
        await AssertServedAsync(client, reports: false);

        await using (var connection = new NpgsqlConnection(location.Options.ConnectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var drop = new NpgsqlCommand($"ALTER SCHEMA \"{location.Options.Schema}\" RENAME TO \"{location.Options.Schema}_away\"", connection);
            await drop.ExecuteNonQueryAsync(Cancel);
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var url in Reads.Where(u => u.StartsWith("/odata", StringComparison.Ordinal)))
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
            await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "cannot answer", url);
        }

        await using (var connection = new NpgsqlConnection(location.Options.ConnectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var back = new NpgsqlCommand($"ALTER SCHEMA \"{location.Options.Schema}_away\" RENAME TO \"{location.Options.Schema}\"", connection);
            await back.ExecuteNonQueryAsync(Cancel);
        }

        await AssertServedAsync(client, reports: false);
    }

    private static async Task<TestLocation> SeededAsync()
    {
        var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options, indicators: true);
        return location;
    }

    private static async Task AssertServedAsync(HttpClient client, bool reports = true)
    {
        // The host notices a changed file within a second.
        await Task.Delay(TimeSpan.FromSeconds(1.1), Cancel);
        foreach (var url in Reads.Where(u => reports || u.StartsWith("/odata", StringComparison.Ordinal)))
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    private static async Task AssertUnavailableAsync(HttpClient client, string reason)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.1), Cancel);
        foreach (var url in Reads)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
            await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, reason, url);
        }
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string reason, string? url = null)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode} {body}");
        Assert.NotNull(response.Headers.RetryAfter);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(reason, message, StringComparison.OrdinalIgnoreCase);
    }
}
