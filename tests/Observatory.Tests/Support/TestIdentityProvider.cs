using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Observatory.Tests.Support;

/// <summary>
/// A stand-in for the Entra ID tenant: its own signing key and issuer, trusted by the host's real JWT bearer
/// pipeline (Microsoft.Identity.Web's) in place of the keys it would download, and tokens shaped as Entra ID issues
/// them (v2.0 issuer, tid, oid, app roles in 'roles', the user_impersonation scope).
/// </summary>
public sealed class TestIdentityProvider
{
    public const string Tenant = "4f7a3c1e-0b5d-4a8e-9c2f-6d1e8b7a5c30";
    public const string ClientId = "9b2e6f41-7c3d-4e5a-8f1b-2a6c9d0e4b71";
    public const string Audience = "https://observatory.test";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "observatory-tests" };

    public static string Issuer => $"https://login.microsoftonline.com/{Tenant}/v2.0";

    /// <summary>The host's AzureAd section (which also puts it in secured mode).</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = Tenant,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:Audience"] = Audience,
    };

    /// <summary>Makes the host's JWT bearer handler trust this provider's key and issuer (no metadata download).</summary>
    public void Trust(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(_key);
            bearer.Configuration = configuration;
            bearer.TokenValidationParameters.ValidIssuer = Issuer;
            bearer.TokenValidationParameters.IssuerSigningKey = _key;
        });

    /// <param name="roles">App role values, e.g. Observatory.Analyst.</param>
    /// <param name="scope">The observatory_scope claim, if any.</param>
    /// <param name="audience">The token's audience (the feed's Application ID URI).</param>
    /// <param name="lifetime">From now; negative for an expired token.</param>
    /// <param name="signingKey">Another key, for a forged token.</param>
    public string Token(string[] roles, string? scope = null, string audience = Audience, TimeSpan? lifetime = null, SecurityKey? signingKey = null, string objectId = "6a1c0f52-3b8e-4d7a-9e21-0c5b7f3d8a64",
        IReadOnlyDictionary<string, object>? extra = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var claims = new Dictionary<string, object>
        {
            ["tid"] = Tenant,
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["scp"] = "user_impersonation",
            ["ver"] = "2.0",
        };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        if (scope is not null)
        {
            claims["observatory_scope"] = scope;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddHours(-1) : now,
            NotBefore = expires < now ? expires.AddHours(-1) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static SecurityKey ForgedKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "observatory-tests" };
}
