using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Observatory.Api.Embedding;

/// <summary>
/// Embed tokens: JWS (HS256) signed with the host's own key (<c>Embedding:SigningKey</c>), carrying an
/// <see cref="EmbedGrant"/>. Signed here, checked here, read by nobody else: the issuer and audience are fixed strings
/// that no other token of the service carries, so no Entra ID token or other JWT passes for one.
/// </summary>
public sealed class EmbedTokens
{
    public const string Issuer = "observatory";
    public const string Audience = "observatory-embedded-dashboard";

    /// <summary>The payload's own claims, beside the registered ones (sub is the minting identity).</summary>
    public const string DashboardClaim = "dashboard";

    public const string LocksClaim = "locks";
    public const string DisclosureClaim = "disclosure";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;

    public EmbedTokens(IOptions<EmbeddingOptions> options, TimeProvider time)
    {
        _time = time;
        var configured = options.Value.SigningKey;
        IsKeyPerProcess = string.IsNullOrWhiteSpace(configured);
        var current = Key(IsKeyPerProcess ? RandomNumberGenerator.GetBytes(EmbeddingOptions.MinimumKeyBytes) : EmbeddingOptions.KeyBytes(configured!));
        _signing = new SigningCredentials(current, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = [current, .. options.Value.PreviousSigningKeys.Select(k => Key(EmbeddingOptions.KeyBytes(k)))],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            // Expiry is checked by Check, against the host's clock (TimeProvider), to say when the token expired.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    /// <summary>True when no key is configured: tokens die with the process and no other instance accepts them.</summary>
    public bool IsKeyPerProcess { get; }

    /// <summary>A token granting <paramref name="grant"/> (whose expiry and id it carries) to whoever holds it.</summary>
    public string Mint(string minter, EmbedGrant grant)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        using var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString(JwtRegisteredClaimNames.Iss, Issuer);
            json.WriteString(JwtRegisteredClaimNames.Aud, Audience);
            json.WriteString(JwtRegisteredClaimNames.Sub, minter);
            json.WriteString(JwtRegisteredClaimNames.Jti, grant.TokenId);
            json.WriteNumber(JwtRegisteredClaimNames.Iat, now);
            json.WriteNumber(JwtRegisteredClaimNames.Nbf, now);
            json.WriteNumber(JwtRegisteredClaimNames.Exp, grant.ExpiresAt.ToUnixTimeSeconds());
            json.WriteString(DashboardClaim, grant.Dashboard);
            json.WriteStartObject(LocksClaim);
            foreach (var (key, values) in grant.Locks)
            {
                json.WriteStartArray(key);
                values.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteString(DisclosureClaim, grant.DisclosureLevel);
            json.WriteEndObject();
        }

        return _handler.CreateToken(System.Text.Encoding.UTF8.GetString(payload.ToArray()), _signing);
    }

    /// <summary>The grant and minting identity of a token, or why it is refused (malformed, not ours or altered, not yet valid, expired).</summary>
    public async Task<(EmbedGrant? Grant, string? Minter, EmbedTokenException? Refusal)> CheckAsync(string token)
    {
        if (!_handler.CanReadToken(token) || token.Count(c => c == '.') != 2)
        {
            return (null, null, EmbedTokenException.Malformed());
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, null, EmbedTokenException.Invalid());
        }

        (EmbedGrant Grant, string Minter, DateTimeOffset NotBefore) read;
        try
        {
            read = Read(jwt);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Signed with our key but not by this code's Mint: refuse it as any altered token.
            return (null, null, EmbedTokenException.Invalid());
        }

        var now = _time.GetUtcNow();
        return now < read.NotBefore ? (null, null, EmbedTokenException.Invalid())
            : now >= read.Grant.ExpiresAt ? (null, null, EmbedTokenException.Expired(read.Grant.ExpiresAt, now))
            : (read.Grant, read.Minter, null);
    }

    private static (EmbedGrant, string, DateTimeOffset) Read(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var root = payload.RootElement;
        var locks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in root.GetProperty(LocksClaim).EnumerateObject())
        {
            locks[key.Name] = [.. key.Value.EnumerateArray().Select(v => v.GetString() ?? throw new FormatException("A locked value is not text."))];
        }

        var level = root.GetProperty(DisclosureClaim).GetString();
        var grant = new EmbedGrant(
            root.GetProperty(DashboardClaim).GetString() ?? throw new FormatException("No dashboard."),
            locks,
            Indicators.Disclosure.DisclosureLevel.IsKnown(level) ? level! : throw new FormatException("No disclosure level."),
            DateTimeOffset.FromUnixTimeSeconds(root.GetProperty(JwtRegisteredClaimNames.Exp).GetInt64()),
            root.GetProperty(JwtRegisteredClaimNames.Jti).GetString() ?? throw new FormatException("No token id."));
        var minter = root.GetProperty(JwtRegisteredClaimNames.Sub).GetString() ?? throw new FormatException("No minting identity.");
        return (grant, minter, DateTimeOffset.FromUnixTimeSeconds(root.GetProperty(JwtRegisteredClaimNames.Nbf).GetInt64()));
    }

    /// <summary>A key named by its hash's first bytes, so that a token names the key it was signed with and rotation needs no guessing.</summary>
    private static SymmetricSecurityKey Key(byte[] bytes) =>
        new(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
}
