using System.Diagnostics;

namespace Observatory.Benchmarks;

/// <summary>Another process keeping one core busy for as long as it lives: the load of other work on a shared server.</summary>
internal sealed class BusyCore : IDisposable
{
    private readonly Process _process;

    private BusyCore(Process process) => _process = process;

    public static BusyCore Start() =>
        new(Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start the busy process."));

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
