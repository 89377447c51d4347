using System.Globalization;

namespace Observatory.Benchmarks;

/// <summary>
/// Options: --scale (default 10), --repeat (default 10), --markdown FILE, --keep (reuse the warehouses a previous
/// run seeded), --only seed|queries|summaries|exports (one part; repeatable). OBSERVATORY_BENCH_POSTGRES adds PostgreSQL.
/// </summary>
public sealed record BenchmarkSettings(double Scale, int Repeat, string WorkDirectory, string? PostgresConnection, string? MarkdownPath, bool Keep,
    IReadOnlySet<string> Parts)
{
    public static readonly IReadOnlyList<string> AllParts = ["seed", "queries", "summaries", "exports"];

    public bool Runs(string part) => Parts.Contains(part);

    public const string PostgresSchema = "observatory_bench";

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

    public string SqliteFile => Path.Combine(WorkDirectory, $"scale-{Scale.ToString(CultureInfo.InvariantCulture)}.db");

    public string SqliteConnection => $"Data Source={SqliteFile}";

    public static BenchmarkSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var only = args.Select((arg, index) => (arg, index)).Where(pair => pair.arg == "--only" && pair.index + 1 < args.Length)
            .Select(pair => args[pair.index + 1]).ToHashSet(StringComparer.Ordinal);
        if (only.Except(AllParts).FirstOrDefault() is { } unknown)
        {
            throw new InvalidOperationException($"Unknown part '{unknown}'; the parts are {string.Join(", ", AllParts)}.");
        }

        var work = Value("--work") ?? Path.Combine(Path.GetTempPath(), "observatory-bench");
        Directory.CreateDirectory(work);
        return new BenchmarkSettings(
            double.Parse(Value("--scale") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Value("--repeat") ?? "10", CultureInfo.InvariantCulture),
            work,
            Environment.GetEnvironmentVariable("OBSERVATORY_BENCH_POSTGRES"),
            Value("--markdown"),
            args.Contains("--keep") || (only.Count > 0 && !only.Contains("seed")),
            only.Count > 0 ? only : AllParts.ToHashSet(StringComparer.Ordinal));
    }
}
