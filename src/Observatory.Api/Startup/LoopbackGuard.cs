using System.Net;

namespace Observatory.Api.Startup;

public static class LoopbackGuard
{
    /// <summary>
    /// Until sign-in and roles exist, the host listens on this machine only. Any other address in the
    /// configured URLs stops start-up with a message rather than exposing person-level rows.
    /// </summary>
    public static IHostApplicationBuilder RequireLoopbackUntilAuthentication(this IHostApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "";
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToList();
        if (exposed.Count > 0)
        {
            throw new StartupException(
                $"Observatory listens on loopback addresses only until authentication is configured; refusing {string.Join(", ", exposed)}. " +
                "Use http://127.0.0.1:<port> or http://localhost:<port>.");
        }

        return builder;
    }

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
