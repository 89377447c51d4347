using System.Text;
using System.Text.Json;
using Observatory.Tests.Feed;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>
/// The third-party npm clients of tests/clients, each run once against one real host on the demo SQLite warehouse.
/// Each script prints a JSON line per step: what the client was asked, what it returned or threw, and the requests it
/// sent. Installs nothing: CI runs 'npm ci --prefix tests/clients'.
/// </summary>
public sealed class NpmClients : IAsyncDisposable
{
    public static readonly string Folder = Path.Combine(ReportReproductionTests.RepositoryRoot(), "tests", "clients");

    private static readonly Dictionary<string, string> Scripts = new()
    {
        ["sap"] = "sap/sap.cjs",
        ["odata2ts"] = "odata2ts/odata2ts.cjs",
        ["odata-client"] = "odata-client/odata-client.cjs",
        ["ojs"] = "ojs/ojs.cjs",
        ["odata-query"] = "odata-query/odata-query.mjs",
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ClientRun> _runs = [];
    private RunningHost? _host;

    /// <summary>Runs a client's script (once; later calls get the same run).</summary>
    public async Task<ClientRun> RunAsync(string client, DemoWarehouses demo)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            const string reason = "Run 'npm ci --prefix tests/clients' to install the OData clients these tests drive.";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
            Assert.Skip(reason);
        }

        await _gate.WaitAsync();
        try
        {
            if (!_runs.TryGetValue(client, out var run))
            {
                _host ??= await RunningHost.StartAsync(new Dictionary<string, string>
                {
                    ["ConnectionStrings:Warehouse"] = (await demo.GetAsync(WarehouseProvider.Sqlite)).ConnectionString,
                });
                var feed = new Uri(_host.Address, "odata").ToString();
                var result = await ProcessRunner.RunExecutableAsync("node", [Path.Combine(Folder, Scripts[client]), feed], TimeSpan.FromMinutes(4));
                run = ClientRun.Parse(client, result);
                _runs.Add(client, run);
            }

            return run;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _gate.Dispose();
    }
}

/// <summary>One client script's run: its steps by name, and what it printed besides.</summary>
public sealed class ClientRun(string client, IReadOnlyDictionary<string, ClientStep> steps, ProcessRunner.Result process)
{
    public string Client => client;

    /// <summary>A step the script reported; fails the test, with the script's output, when it reported none.</summary>
    public ClientStep Step(string name) => steps.TryGetValue(name, out var step)
        ? step
        : throw new Xunit.Sdk.XunitException(
            $"{client} did not report the step '{name}' (exit code {process.ExitCode}; steps reported: {string.Join(", ", steps.Keys)}).\n" +
            $"{process.Output[^Math.Min(2000, process.Output.Length)..]}\n{process.Error[^Math.Min(2000, process.Error.Length)..]}");

    public static ClientRun Parse(string client, ProcessRunner.Result process)
    {
        var steps = new Dictionary<string, ClientStep>();
        // Lines that are not steps are the clients' own logging (the SAP SDK writes its warnings to standard output).
        foreach (var line in process.Output.Split('\n').Where(l => l.StartsWith("{\"step\":", StringComparison.Ordinal)))
        {
            var step = ClientStep.Parse(client, JsonDocument.Parse(line).RootElement.Clone());
            steps[step.Name] = step;
        }

        return new ClientRun(client, steps, process);
    }
}

/// <summary>One step: the client call, its outcome and the HTTP exchanges it made.</summary>
public sealed record ClientStep(string Client, string Name, string Call, bool Ok, JsonElement Result, JsonElement Error, IReadOnlyList<JsonElement> Requests)
{
    public static ClientStep Parse(string client, JsonElement line) => new(
        client,
        line.GetProperty("step").GetString()!,
        line.GetProperty("call").GetString()!,
        line.GetProperty("ok").GetBoolean(),
        line.TryGetProperty("result", out var result) ? result : default,
        line.TryGetProperty("error", out var error) ? error : default,
        [.. line.GetProperty("requests").EnumerateArray()]);

    /// <summary>What the client returned; fails the test with the client's error and the feed's answers when it threw.</summary>
    public JsonElement Value()
    {
        if (!Ok)
        {
            Assert.Fail($"{Client} '{Name}' ({Call}) failed: {Error.GetRawText()}\n{Exchanges()}");
        }

        return Result;
    }

    /// <summary>The URLs the client requested (path and query, decoded), in order.</summary>
    public IReadOnlyList<string> Urls => [.. Requests.Select(r => r.GetProperty("url").GetString()!)];

    /// <summary>The only request of the step.</summary>
    public JsonElement Request => Assert.Single(Requests);

    /// <summary>Every request and its answer, for failure messages.</summary>
    public string Exchanges()
    {
        var text = new StringBuilder();
        foreach (var request in Requests)
        {
            text.Append("  ").Append(request.GetProperty("method").GetString()).Append(' ').Append(request.GetProperty("url").GetString())
                .Append(request.TryGetProperty("accept", out var accept) ? $" (Accept: {accept.GetString()})" : "")
                .Append(" -> ").Append(request.GetProperty("status").GetInt32())
                .Append(request.TryGetProperty("body", out var body) ? " " + body.GetString() : "")
                .Append(request.TryGetProperty("batch", out var batch) ? " " + batch.GetRawText() : "")
                .AppendLine();
        }

        return text.ToString();
    }
}
