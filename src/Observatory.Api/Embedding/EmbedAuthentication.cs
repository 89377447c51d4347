using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Observatory.Access.Roles;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;

namespace Observatory.Api.Embedding;

/// <summary>
/// Signs in an embedded dashboard's page, which sends <c>Authorization: Embed &lt;token&gt;</c> on every request: as
/// the Board role (what a dashboard reads), named <c>embed:{minting identity}</c>, carrying the token's grant
/// (<see cref="EmbedIdentity"/>). Chosen whenever the header says Embed, in the demo and in secured mode alike, so a
/// refused token is answered 401, never read as the demo's anonymous Admin.
/// </summary>
public sealed class EmbedAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EmbedTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Embed";
    private const string Prefix = SchemeName + " ";

    public static bool Presented(HttpRequest request) =>
        request.Headers.Authorization.Any(value => value?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (!Presented(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (headers.Count > 1 || ApiKeyAuthentication.Presented(Request))
        {
            return AuthenticateResult.Fail(new EmbedTokenException(EmbedTokenException.MalformedCode,
                "The request carries an embed token and other credentials: send the embed token alone."));
        }

        var (grant, minter, refusal) = await tokens.CheckAsync(headers[0]![Prefix.Length..].Trim());
        if (refusal is not null)
        {
            return AuthenticateResult.Fail(refusal);
        }

        var principal = new ClaimsPrincipal(new EmbedIdentity(grant!, minter!));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with the refusal's code (EmbedTokenExpired tells the page to ask for a new token) and an RFC 6750-style challenge.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var refusal = result.Failure as EmbedTokenException ?? EmbedTokenException.Malformed();
        Response.Headers.WWWAuthenticate = $"{SchemeName} error=\"invalid_token\", error_description=\"{refusal.Message.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await FeedErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, refusal.Code, refusal.Message);
    }
}

/// <summary>The signed-in identity of an embedded page: its claims name it for <see cref="Caller.From"/>, and it carries the grant.</summary>
public sealed class EmbedIdentity(EmbedGrant grant, string minter) : ClaimsIdentity(
    [new Claim(Caller.IdentityClaim, $"embed:{minter}"), new Claim(Caller.RoleClaim, nameof(Role.Board))],
    EmbedAuthentication.SchemeName, Caller.IdentityClaim, Caller.RoleClaim)
{
    public EmbedGrant Grant { get; } = grant;
}
