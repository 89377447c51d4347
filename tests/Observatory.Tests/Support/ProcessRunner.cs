using System.Diagnostics;

namespace Observatory.Tests.Support;

/// <summary>Runs a built Observatory program (the command line or the host) as a real process.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>Runs a program built beside the tests (observatory.dll, Observatory.Api.dll) with dotnet.</summary>
    public static Task<Result> RunAsync(string assembly, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunExecutableAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. arguments], timeout, environment);

    /// <param name="standardInput">Written to the program's standard input, which is then closed (none when null).</param>
    public static async Task<Result> RunExecutableAsync(string executable, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            StandardInputEncoding = standardInput is null ? null : new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A wide virtual terminal keeps messages on one line.
        start.Environment["COLUMNS"] = "400";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish in time.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
