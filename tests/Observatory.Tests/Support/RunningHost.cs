using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Observatory.Tests.Support;

/// <summary>The host as a real process on a free loopback port, for clients that need a socket (a browser).</summary>
public sealed partial class RunningHost : IAsyncDisposable
{
    private const string Assembly = "Observatory.Api.dll";

    private readonly Process _process;

    private RunningHost(Process process, Uri address, IReadOnlyList<string> log)
    {
        _process = process;
        Address = address;
        Log = log;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Address { get; }

    /// <summary>What it printed up to listening.</summary>
    public IReadOnlyList<string> Log { get; }

    /// <param name="settings">Configuration, as --Key value pairs (e.g. "ConnectionStrings:Warehouse").</param>
    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, Assembly), "--urls", "http://127.0.0.1:0" }
                     .Concat(settings.SelectMany(s => new[] { $"--{s.Key}", s.Value })))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var log = new List<string>();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                log.Add(line);
                if (Listening().Match(line) is { Success: true } match)
                {
                    // Keep draining its output so that a chatty host never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new RunningHost(process, new Uri(match.Groups[1].Value + "/"), log);
                }
            }

            throw new InvalidOperationException($"The host ended before listening:\n{string.Join('\n', log)}\n{await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
