using Microsoft.Extensions.Options;
using Observatory.Api.Security;

namespace Observatory.Api.Embedding;

/// <summary>
/// The origins whose pages may frame an embedded dashboard: <c>Embedding:AllowedOrigins</c>, and in the demo any page
/// served from this machine (<c>http://127.0.0.1:*</c>, <c>http://localhost:*</c>) so that the sample host works as it
/// is. The responses under /embed/ name them in <c>frame-ancestors</c>; the embedded page checks the origin of every
/// message it receives against <see cref="IsAllowed"/>.
/// </summary>
public sealed class EmbeddingOrigins
{
    public EmbeddingOrigins(IOptions<EmbeddingOptions> options, IConfiguration configuration)
    {
        Configured = [.. options.Value.AllowedOrigins.Select(o => EmbeddingOptions.TryParseOrigin(o, out var origin, out _) ? origin : "").Where(o => o.Length > 0).Distinct()];
        AllowsLoopback = SecurityOptions.Resolve(configuration) == SecurityMode.Demo;
        string[] sources = [.. Configured, .. AllowsLoopback ? new[] { "http://127.0.0.1:*", "http://localhost:*" } : []];
        FrameAncestors = sources.Length == 0 ? "'none'" : string.Join(' ', sources);
    }

    /// <summary>The configured origins, as browsers write them (lower case, no default port).</summary>
    public IReadOnlyList<string> Configured { get; }

    /// <summary>The demo's: pages on this machine, over http on any port.</summary>
    public bool AllowsLoopback { get; }

    /// <summary>The value of <c>frame-ancestors</c> for responses under /embed/: the origins, or 'none'.</summary>
    public string FrameAncestors { get; }

    /// <summary>Whether a page of this origin (as in a message event's <c>origin</c>) may frame a dashboard.</summary>
    public bool IsAllowed(string origin)
    {
        if (Configured.Contains(origin, StringComparer.Ordinal))
        {
            return true;
        }

        return AllowsLoopback && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.Host is ("127.0.0.1" or "localhost")
               && uri.PathAndQuery == "/" && origin == uri.GetLeftPart(UriPartial.Authority);
    }
}
