using Observatory.Cli.Commands;
using Spectre.Console.Cli;

namespace Observatory.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops a load cleanly (the live warehouse is kept); a second one ends the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        if (Console.IsOutputRedirected)
        {
            // A script or a log reads whole lines: tables and messages are not wrapped at a terminal's width.
            Spectre.Console.AnsiConsole.Profile.Width = 10_000;
        }

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("observatory");
            config.UseStrictParsing();
            // Whatever escapes a command (a database or file error) ends in one line and a non-zero exit.
            config.SetExceptionHandler((exception, _) => CliErrors.Fail(exception.Message));
            config.UseAssemblyInformationalVersion();
            config.AddCommand<SeedCommand>("seed")
                .WithDescription("Generate the synthetic City and Hackney warehouse and load it; an existing one is replaced only with --replace.")
                .WithExample("seed")
                .WithExample("seed", "--scale", "10", "--seed", "7", "--replace")
                .WithExample("seed", "--provider", "PostgreSql", "--connection", "\"Host=127.0.0.1;Database=observatory;Username=observatory;Password=...\"");
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Describe a warehouse: its state, its last load and how many rows each table holds; with --fingerprint, what each table holds.")
                .WithExample("info", "--fingerprint")
                .WithExample("info", "--write-fingerprint", "seed/fingerprints/demo.json");
            config.AddCommand<IndicatorsCommand>("indicators")
                .WithDescription("Recompute every indicator value of a warehouse from the catalogue (each load does this itself).");
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("API keys for scripts, scheduled refreshes and Power BI's \"Web API\" credential, kept (as hashes) in the service store beside the warehouse.");
                keys.AddCommand<KeysCreateCommand>("create")
                    .WithDescription("Create a key with a role (and optionally a scope and an expiry); the key is printed once, alone on the last line.")
                    .WithExample("keys", "create", "--name", "finance-refresh", "--role", "Analyst", "--scope", "borough:Hackney", "--expires", "2027-06-30");
                keys.AddCommand<KeysListCommand>("list").WithDescription("List the keys: name, role, scope, expiry, last use and state (never the key).");
                keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a key by name: it is refused from the next request on.")
                    .WithExample("keys", "revoke", "finance-refresh");
            });
            config.AddCommand<AuditCommand>("audit")
                .WithDescription("Read the audit trail: who asked what, when, with what answer (kept in the service store; it survives every load).")
                .WithExample("audit", "--since", "24h")
                .WithExample("audit", "--identity", "key:finance-refresh", "--json");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Write the Synergi progress report's data sections, regenerated from the indicators, as a self-contained HTML page.")
                .WithExample("report", "--out", "progress-report.html")
                .WithExample("report", "--year", "2022/23", "--disclosure", "Unrestricted");
            config.AddCommand<TemplatesCommand>("templates")
                .WithDescription("Write the Power BI project (semantic model with the catalogue's measures, report pages from the dashboards), the Excel connections and the data dictionary.")
                .WithExample("templates", "--out", "powerbi-templates")
                .WithExample("templates", "--check");
        });
        return await app.RunAsync(args, cancellation.Token);
    }
}
