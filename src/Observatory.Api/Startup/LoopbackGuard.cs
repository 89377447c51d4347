using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Observatory.Api.Startup;

/// <summary>
/// In demo mode (no sign-in configured) the host listens on this machine only: person-level rows must not be
/// reachable from the network without sign-in. Every way Kestrel can be told where to listen is checked before
/// start, and the addresses it actually bound are checked again once it has started. Secured mode listens anywhere.
/// </summary>
public static class LoopbackGuard
{
    /// <summary>Refuses, before start, every address the configuration asks to listen on that is not loopback.</summary>
    public static void Check(IConfiguration configuration)
    {
        if (Security.SecurityOptions.Resolve(configuration) == Security.SecurityMode.Secured)
        {
            return;
        }

        var requested = Split(configuration["urls"])
            .Concat(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"))
            .Concat(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"))
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"] ?? ""));
        Refuse(requested.Where(url => !IsLoopback(url)).ToList());
    }

    /// <summary>Stops the host at once if the server bound anything but a loopback address after all.</summary>
    public static void VerifyOnStart(WebApplication app)
    {
        if (Security.SecurityOptions.Resolve(app.Configuration) == Security.SecurityMode.Secured)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(address => !IsLoopback(address)).ToList();
            if (exposed.Count > 0)
            {
                app.Logger.LogCritical("Listening beyond loopback ({Addresses}) in demo mode, without sign-in: stopping.", string.Join(", ", exposed));
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
            }
        });
    }

    private static void Refuse(IReadOnlyCollection<string> exposed)
    {
        if (exposed.Count > 0)
        {
            throw new StartupException(
                $"In demo mode Observatory listens on loopback addresses only; refusing {string.Join(", ", exposed)}. " +
                "Use http://127.0.0.1:<port> or http://localhost:<port>, or configure sign-in (an AzureAd section, or Security:Mode = Secured with API keys) to listen beyond this machine.");
        }
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string url)
    {
        var host = url.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal);
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
