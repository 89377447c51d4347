using Observatory.Tests.Support;

namespace Observatory.Tests.Security;

/// <summary>observatory keys create, list and revoke, run as a real process.</summary>
public class KeysCommandTests
{
    private const string Cli = "observatory.dll";

    [Fact]
    public async Task CreatePrintsTheKeyOnceAloneOnTheLastLineAndListAndRevokeNeverShowIt()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        string[] at = ["--connection", location.Options.ConnectionString];

        var created = await ProcessRunner.RunAsync(Cli, ["keys", "create", "--name", "refresh", "--role", "analyst", "--scope", "borough:Hackney", "--expires", "2030-01-31", .. at]);
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.TrimEnd('\n', '\r').Split('\n')[^1].TrimEnd('\r');
        Assert.Matches("^obs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("Role: Analyst", created.Output, StringComparison.Ordinal);
        Assert.Contains("Scope: borough:Hackney", created.Output, StringComparison.Ordinal);
        Assert.Contains("Last day: 2030-01-31", created.Output, StringComparison.Ordinal);

        var listed = await ProcessRunner.RunAsync(Cli, ["keys", "list", .. at]);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("refresh", listed.Output, StringComparison.Ordinal);
        Assert.Contains(KeyId(key), listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret(key), listed.All, StringComparison.Ordinal);
        Assert.Contains("active", listed.Output, StringComparison.Ordinal);

        var again = await ProcessRunner.RunAsync(Cli, ["keys", "create", "--name", "refresh", "--role", "Board", .. at]);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("A key named 'refresh' already exists", again.All, StringComparison.Ordinal);

        var revoked = await ProcessRunner.RunAsync(Cli, ["keys", "revoke", "refresh", .. at]);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", (await ProcessRunner.RunAsync(Cli, ["keys", "list", .. at])).Output, StringComparison.Ordinal);

        // The hash is stored, never the key.
        var store = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(location.Options.SqliteFilePath)!, "warehouse-service.db"));
        Assert.DoesNotContain(Secret(key), System.Text.Encoding.Latin1.GetString(store), StringComparison.Ordinal);
    }

    private static string KeyId(string key) => key.Split('_', 3)[1];

    private static string Secret(string key) => key.Split('_', 3)[2];

    [Theory]
    [InlineData("keys create --name x --role Owner", "Unknown role 'Owner'")]
    [InlineData("keys create --name x --role Analyst --scope region:North", "Unknown scope 'region:North'")]
    [InlineData("keys create --name x --role Analyst --scope provider:NOPE", "The warehouse has no provider 'NOPE': choose one of")]
    [InlineData("keys create --name x --role Analyst --expires 2001-01-01", "has passed")]
    [InlineData("keys create --name x --role Analyst --expires soon", "is not a date")]
    [InlineData("keys create --name ../x --role Analyst", "is not valid")]
    [InlineData("keys create --role Analyst", "Give the key a name")]
    [InlineData("keys revoke nobody", "There is no active key named 'nobody'")]
    [InlineData("audit --since yesterday-ish", "is neither a date")]
    public async Task BadRequestsGiveAClearMessage(string arguments, string message)
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);

        var result = await ProcessRunner.RunAsync(Cli, [.. arguments.Split(' '), "--connection", location.Options.ConnectionString]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }
}
