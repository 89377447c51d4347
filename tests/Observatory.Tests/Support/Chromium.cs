using Microsoft.Playwright;

namespace Observatory.Tests.Support;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), driven headless by Playwright, offline: it never downloads a browser, and
/// resolves no host but loopback. On a machine without it the browser tests are skipped, except in CI, which installs it.
/// </summary>
public class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    /// <summary>More command-line switches, for tests that need the browser set up otherwise.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", .. ExtraArguments,
            ],
        });
    }

    /// <summary>Skips the calling test where Chromium is not installed, unless in CI.</summary>
    public void Require()
    {
        if (_browser is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"CI must install Chromium ({ExecutablePath}): apt-get install chromium.");
            Assert.Skip($"Chromium is not installed at {ExecutablePath} (apt-get install chromium).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }
}
