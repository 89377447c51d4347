using Observatory.Tests.Support;

namespace Observatory.Tests.Operations;

/// <summary>
/// The load and fault harness (bench/Observatory.Benchmarks, parts load and faults) run small: fifty clients for
/// five seconds on a small warehouse, and every fault, PostgreSQL's restart included; and its live indicators part.
/// They run alone, after every other test, because the faults stop the PostgreSQL server the others use. The full
/// run is the harness's own.
/// </summary>
[Collection(nameof(HarnessTests))]
public class HarnessTests
{
    [Fact]
    public async Task EveryFaultIsAnsweredAsDocumentedAndTheLoadHasNoErrors()
    {
        var work = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));
        var markdown = Path.Combine(work, "results.md");
        try
        {
            var result = await ProcessRunner.RunExecutableAsync("dotnet",
            [
                Harness, "--scale", "0.05", "--only", "load", "--only", "faults", "--load-seconds", "5", "--lock-seconds", "3",
                "--repeat", "2", "--work", work, "--markdown", markdown,
            ], TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["OBSERVATORY_BENCH_POSTGRES"] = TestPostgres.ConnectionString });

            Assert.True(result.ExitCode == 0, result.All);
            var rows = (await File.ReadAllLinesAsync(markdown)).Where(l => l.StartsWith("| Faults:", StringComparison.Ordinal) || l.StartsWith("| Load,", StringComparison.Ordinal)).ToList();
            Assert.Contains(rows, r => r.Contains("PostgreSQL stopped and started again", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Contains("errors other than 429", StringComparison.Ordinal));
            var failed = rows.Where(r => r.TrimEnd().EndsWith("| no |", StringComparison.Ordinal)
                && (r.StartsWith("| Faults:", StringComparison.Ordinal) || r.Contains("errors other than 429", StringComparison.Ordinal))).ToList();
            Assert.True(failed.Count == 0, string.Join("\n", failed) + "\n" + result.Output);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The live indicators part (bench/Observatory.Benchmarks, part live) evaluates every slice of its set on a small warehouse.</summary>
    [Fact]
    public async Task TheLivePartEvaluatesEverySliceOfItsSet()
    {
        var work = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));
        var markdown = Path.Combine(work, "results.md");
        try
        {
            var result = await ProcessRunner.RunExecutableAsync("dotnet",
                [Harness, "--scale", "0.05", "--only", "live", "--work", work, "--markdown", markdown], TimeSpan.FromMinutes(10));

            Assert.True(result.ExitCode == 0, result.All);
            var rows = (await File.ReadAllLinesAsync(markdown)).Where(l => l.StartsWith("| Live indicators:", StringComparison.Ordinal)).ToList();
            Assert.Contains(rows, r => r.StartsWith("| Live indicators: every slice (200 requests), p95", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith("| Live indicators: run of days", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The harness built beside the tests, in the same configuration.</summary>
    private static string Harness
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(repository.FullName, "Observatory.sln")))
            {
                repository = repository.Parent!;
            }

            return Path.Combine(repository.FullName, "bench", "Observatory.Benchmarks", "bin", configuration, "net10.0", "Observatory.Benchmarks.dll");
        }
    }
}

[CollectionDefinition(nameof(HarnessTests), DisableParallelization = true)]
public sealed class RunsAlone;
