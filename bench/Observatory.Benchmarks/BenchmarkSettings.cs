using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Benchmarks;

/// <summary>The harness's options; PostgreSQL joins when OBSERVATORY_BENCH_POSTGRES holds a connection string.</summary>
public sealed class BenchmarkSettings : CommandSettings
{
    public static readonly IReadOnlyList<string> AllParts = ["seed", "indicators", "live", "dashboards", "queries", "summaries", "exports", "load", "batch", "faults"];

    public const string PostgresSchema = "observatory_bench";

    [CommandOption("--scale <SCALE>")]
    [Description("Warehouse scale (1 = one City and Hackney's worth of activity over the report's years).")]
    [DefaultValue(10.0)]
    public double Scale { get; init; } = 10;

    [CommandOption("--repeat <RUNS>")]
    [Description("Timed runs per latency (the median is reported).")]
    [DefaultValue(10)]
    public int Repeat { get; init; } = 10;

    [CommandOption("--rounds <ROUNDS>")]
    [Description("Alternating rounds of each export (the median and the range are reported).")]
    [DefaultValue(5)]
    public int Rounds { get; init; } = 5;

    [CommandOption("--load-seconds <SECONDS>")]
    [Description("How long the fifty clients of the load part ask.")]
    [DefaultValue(60)]
    public int LoadSeconds { get; init; } = 60;

    [CommandOption("--lock-seconds <SECONDS>")]
    [Description("How long the faults part holds a write lock on the warehouse.")]
    [DefaultValue(20)]
    public int LockSeconds { get; init; } = 20;

    [CommandOption("--work <DIRECTORY>")]
    [Description("Where the SQLite warehouses are kept. Default: observatory-bench in the temporary directory.")]
    public string? Work { get; init; }

    [CommandOption("--markdown <FILE>")]
    [Description("Also write the results as a Markdown table to FILE.")]
    public string? MarkdownPath { get; init; }

    [CommandOption("--keep")]
    [Description("Reuse the warehouses a previous run seeded (implied when --only leaves out seed).")]
    public bool KeepOption { get; init; }

    [CommandOption("--only <PART>")]
    [Description("Run one part: seed, indicators, live, queries, summaries, exports, load, batch or faults. Repeatable.")]
    public string[] Only { get; init; } = [];

    public string WorkDirectory => Work ?? Path.Combine(Path.GetTempPath(), "observatory-bench");

    public string? PostgresConnection { get; } = Environment.GetEnvironmentVariable("OBSERVATORY_BENCH_POSTGRES");

    public bool Keep => KeepOption || (Only.Length > 0 && !Only.Contains("seed"));

    public bool Runs(string part) => Only.Length == 0 || Only.Contains(part);

    public string SqliteFile => Path.Combine(WorkDirectory, $"scale-{Scale.ToString(CultureInfo.InvariantCulture)}.db");

    public string SqliteConnection => $"Data Source={SqliteFile}";

    /// <summary>The repository the harness runs from (for docs/apply-queries.json).</summary>
    public static string Repository
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Observatory.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
        }
    }

    public override ValidationResult Validate()
    {
        if (Only.Except(AllParts).FirstOrDefault() is { } unknown)
        {
            return ValidationResult.Error($"Unknown part '{unknown}'; the parts are {string.Join(", ", AllParts)}.");
        }

        return Scale <= 0 ? ValidationResult.Error("--scale must be positive.")
            : Repeat < 1 ? ValidationResult.Error("--repeat must be at least 1.")
            : Rounds < 1 ? ValidationResult.Error("--rounds must be at least 1.")
            : ValidationResult.Success();
    }
}
