using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Observatory.Benchmarks;

/// <summary>The host as a child process on a free loopback port, pointed at a benchmark warehouse.</summary>
internal sealed partial class FeedProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FeedProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Resident memory of the host now, in MB.</summary>
    public double ResidentMegabytes => Status("VmRSS");

    /// <summary>The host's threads now.</summary>
    public int Threads => (int)StatusValue("Threads");

    /// <summary>Processor time the host has used, user and system, in seconds.</summary>
    public double CpuSeconds
    {
        get
        {
            // /proc/PID/stat: the command may hold spaces, so fields are counted after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
        }
    }

    /// <summary>The host's resident-memory high-water mark, in MB.</summary>
    public double PeakMegabytes => Status("VmHWM");

    public static async Task<FeedProcess> StartAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ChildProcess.Dll("Observatory.Api.dll"), "--urls", "http://127.0.0.1:0", "--Warehouse:SeedDemoWhenMissing", "false" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new FeedProcess(process, new Uri(match.Groups[1].Value.TrimEnd('/') + "/odata/"));
            }
        }

        throw new InvalidOperationException($"The host did not start: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private double Status(string field) => StatusValue(field) / 1024;

    private double StatusValue(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
