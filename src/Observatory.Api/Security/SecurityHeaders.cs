using System.Security.Cryptography;
using System.Text;

namespace Observatory.Api.Security;

/// <summary>
/// Headers on every answer: a Content-Security-Policy that lets the pages load only the service's own scripts, styles
/// and data (the landing page's one style block by its hash), and never be framed; no MIME sniffing; no referrer
/// (feed URLs carry queries). Embedding by configured origins will relax frame-ancestors where a dashboard allows it.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string Policy =
        "default-src 'none'; script-src 'self'; " +
        $"style-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Home.HomePage.Style)))}'; " +
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
