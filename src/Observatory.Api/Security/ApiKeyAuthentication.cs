using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Observatory.Access.Keys;

namespace Observatory.Api.Security;

/// <summary>
/// Signs in a caller who presents an API key, in the <c>X-Api-Key</c> header or the <c>api-key</c> query parameter
/// (what Power Query's <c>OData.Feed(url, null, [ApiKeyName="api-key"])</c> sends). The same key given in both, or
/// twice, is one key; two different keys are refused.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeys keys, Challenges challenges)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "api-key";

    public static bool Presented(HttpRequest request) => request.Headers.ContainsKey(Header) || request.Query.ContainsKey(QueryParameter);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].Concat(Request.Query[QueryParameter])
            .Select(k => k?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (presented.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Count > 1)
        {
            return AuthenticateResult.Fail("The request carries two different API keys: send one.");
        }

        var check = await keys.CheckAsync(presented[0], Context.RequestAborted);
        if (check.Key is not { } key)
        {
            return AuthenticateResult.Fail(check.Refusal!);
        }

        List<Claim> claims = [new(Caller.IdentityClaim, $"key:{key.Name}"), new(Caller.RoleClaim, key.Role.ToString())];
        if (key.Scope is { } scope)
        {
            claims.Add(new(ScopeClaim, scope.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, Caller.IdentityClaim, Caller.RoleClaim));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await challenges.WriteAsync(Context, result.Failure?.Message
            ?? $"This service needs an API key: send it in the {Header} header or the {QueryParameter} query parameter.");
    }

    /// <summary>The claim carrying a key's scope: the one configured for tokens, so both read alike.</summary>
    private string ScopeClaim => Context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ScopeClaim;
}

/// <summary>The demo's caller: anyone on this machine, acting as Admin, unless they present an API key.</summary>
public sealed class DemoAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity(
            [new(Caller.IdentityClaim, Caller.DemoIdentity), new(Caller.RoleClaim, nameof(Access.Roles.Role.Admin))],
            SchemeName, Caller.IdentityClaim, Caller.RoleClaim);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
