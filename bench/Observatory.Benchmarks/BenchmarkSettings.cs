using System.Globalization;

namespace Observatory.Benchmarks;

/// <summary>
/// Options: --scale (default 10), --repeat (default 10), --markdown FILE, --keep (reuse the warehouses a previous
/// run seeded). OBSERVATORY_BENCH_POSTGRES adds PostgreSQL.
/// </summary>
public sealed record BenchmarkSettings(double Scale, int Repeat, string WorkDirectory, string? PostgresConnection, string? MarkdownPath, bool Keep)
{
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

        var work = Value("--work") ?? Path.Combine(Path.GetTempPath(), "observatory-bench");
        Directory.CreateDirectory(work);
        return new BenchmarkSettings(
            double.Parse(Value("--scale") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Value("--repeat") ?? "10", CultureInfo.InvariantCulture),
            work,
            Environment.GetEnvironmentVariable("OBSERVATORY_BENCH_POSTGRES"),
            Value("--markdown"),
            args.Contains("--keep"));
    }
}
