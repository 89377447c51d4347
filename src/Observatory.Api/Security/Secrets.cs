using System.Text.RegularExpressions;

namespace Observatory.Api.Security;

/// <summary>Keeps secrets out of everything the service writes down: the audit trail, logs and links.</summary>
public static partial class Secrets
{
    public const string Removed = "[removed]";

    /// <summary>Whether a query parameter's name (as sent, perhaps percent-encoded, in any case) is the API key's.</summary>
    public static bool IsSecretParameter(string name) =>
        string.Equals(Uri.UnescapeDataString(name.Replace('+', ' ')).Trim(), ApiKeyAuthentication.QueryParameter, StringComparison.OrdinalIgnoreCase);

    /// <summary>The query string (with or without its '?') with the value of every secret parameter replaced.</summary>
    public static string ScrubQuery(string query)
    {
        if (query.Length == 0)
        {
            return query;
        }

        var mark = query.StartsWith('?') ? "?" : "";
        var parts = query[mark.Length..].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parts[i] : parts[i][..equals];
            if (IsSecretParameter(name))
            {
                parts[i] = $"{ApiKeyAuthentication.QueryParameter}={Removed}";
            }
        }

        return mark + string.Join('&', parts);
    }

    /// <summary>
    /// Any text with the secrets it may quote replaced: API keys (by their form, and as the api-key parameter),
    /// bearer and embed tokens and JWTs, and connection-string passwords.
    /// </summary>
    /// <remarks>Text with percent-escapes is read decoded first, so that an escaped key or parameter name is found too.</remarks>
    public static string Redact(string text)
    {
        if (text.Contains('%', StringComparison.Ordinal))
        {
            text = Uri.UnescapeDataString(text);
        }

        text = Bearer().Replace(KeyParameter().Replace(Key().Replace(text, Removed), "$1" + Removed), "$1" + Removed);
        return Password().Replace(Jwt().Replace(Embed().Replace(text, "$1" + Removed), Removed), "$1=" + Removed);
    }

    [GeneratedRegex(@"obs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex Key();

    [GeneratedRegex(@"(?i)(api-key=)[^&\s""']+")]
    private static partial Regex KeyParameter();

    [GeneratedRegex(@"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{20,}")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)(embed\s+)[A-Za-z0-9._~+/=-]{20,}")]
    private static partial Regex Embed();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=\s*[^;""'\s]+")]
    private static partial Regex Password();
}
