using System.ComponentModel.DataAnnotations;

namespace Observatory.Api.Embedding;

/// <summary>Configuration section <c>Embedding</c>: the key embed tokens are signed with, and who may frame the dashboards.</summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string Section = "Embedding";

    /// <summary>The smallest key HS256 should have: as many bytes as the hash (RFC 7518, 3.2).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes, the same on every instance. Absent: a random key per process, so tokens do not
    /// survive a restart and one instance does not accept another's.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys recently replaced by <see cref="SigningKey"/>: tokens signed with them are still accepted until they expire.</summary>
    public string[] PreviousSigningKeys { get; set; } = [];

    /// <summary>
    /// Origins whose pages may frame /embed/ (<c>https://intranet.example.nhs.uk</c>: scheme, host and port, no path, no
    /// wildcard). None: no page may.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is not null && KeyProblem(SigningKey) is { } problem)
        {
            yield return new($"Embedding:SigningKey {problem}", [nameof(SigningKey)]);
        }

        foreach (var (key, index) in PreviousSigningKeys.Select((k, i) => (k, i)))
        {
            if (KeyProblem(key) is { } previous)
            {
                yield return new($"Embedding:PreviousSigningKeys:{index} {previous}", [nameof(PreviousSigningKeys)]);
            }
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!TryParseOrigin(origin, out _, out var reason))
            {
                yield return new($"Embedding:AllowedOrigins lists '{origin}', {reason}", [nameof(AllowedOrigins)]);
            }
        }
    }

    /// <summary>The key's bytes (validated at start).</summary>
    public static byte[] KeyBytes(string key) => Convert.FromBase64String(key.Trim());

    private static string? KeyProblem(string key)
    {
        try
        {
            var bytes = KeyBytes(key);
            return bytes.Length >= MinimumKeyBytes ? null
                : $"holds {bytes.Length} bytes; it needs at least {MinimumKeyBytes}. Make one with: openssl rand -base64 32";
        }
        catch (FormatException)
        {
            return "is not base64. Make one with: openssl rand -base64 32";
        }
    }

    /// <summary>An origin as a browser writes it (<c>https://host[:port]</c>, lower case, no default port), or why it is not one.</summary>
    public static bool TryParseOrigin(string text, out string origin, out string reason)
    {
        origin = "";
        var trimmed = text.Trim();
        if (trimmed.Contains('*', StringComparison.Ordinal))
        {
            reason = "with a wildcard: list each origin that may frame the dashboards.";
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            reason = "which is not an origin: write the scheme, host and port only, as in https://intranet.example.nhs.uk.";
            return false;
        }

        if (uri.PathAndQuery != "/" || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            reason = $"with more than an origin: write {uri.GetLeftPart(UriPartial.Authority)} (scheme, host and port; no path).";
            return false;
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            reason = "over http: a page that frames a dashboard must be served over https (http only on this machine, as http://localhost:8080).";
            return false;
        }

        origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        reason = "";
        return true;
    }
}
