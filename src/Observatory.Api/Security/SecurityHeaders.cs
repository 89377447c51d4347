using System.Security.Cryptography;
using System.Text;

namespace Observatory.Api.Security;

/// <summary>
/// Headers on every answer: a Content-Security-Policy that lets the pages load only the service's own scripts, styles
/// and data (the landing page's one style block by its hash), and never be framed; no MIME sniffing; no referrer
/// (feed URLs carry queries). Under /embed/ the pages may be framed by the configured origins
/// (<see cref="Embedding.EmbeddingOrigins"/>), and the embedding helper script may be loaded by any page.
/// </summary>
public static class SecurityHeaders
{
    public const string NoFraming = "'none'";

    private static readonly string Policy =
        "default-src 'none'; script-src 'self'; " +
        $"style-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Home.HomePage.Style)))}'; " +
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors ";

    /// <param name="frameAncestors">The pages that may frame the answer: 'none', or origins (for /embed/ only).</param>
    /// <param name="crossOriginScript">The embedding helper, which pages of other origins load with a script element.</param>
    public static void Apply(HttpResponse response, string frameAncestors = NoFraming, bool crossOriginScript = false)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = Policy + frameAncestors;
        headers.XContentTypeOptions = "nosniff";
        // X-Frame-Options knows no list of origins: where frame-ancestors names some, it is left out (browsers that
        // honour frame-ancestors ignore it anyway).
        if (frameAncestors == NoFraming)
        {
            headers.XFrameOptions = "DENY";
        }

        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = crossOriginScript ? "cross-origin" : "same-origin";
    }
}
