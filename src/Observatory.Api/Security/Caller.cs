using System.Security.Claims;
using Microsoft.Identity.Web;
using Observatory.Access.Roles;
using Observatory.Api.Embedding;

namespace Observatory.Api.Security;

/// <summary>
/// Who is asking, as every later step of a request sees it: an identity for the audit trail, a role and a scope; and
/// for an embedded dashboard, what its embed token grants.
/// </summary>
public sealed record Caller(string Identity, Role Role, AccessScope? Scope)
{
    public const string DemoIdentity = "demo";

    /// <summary>Claim types the service puts on the principals it builds itself (API keys, the demo).</summary>
    public const string IdentityClaim = "observatory_identity";

    public const string RoleClaim = "observatory_role";

    public bool IsDemo => Identity == DemoIdentity;

    /// <summary>For a page embedded with an embed token: its dashboard, locked filters, level and expiry; otherwise null.</summary>
    public EmbedGrant? Embed { get; init; }

    /// <summary>The caller of a request, resolved by <see cref="CallerResolution"/>; absent only on anonymous endpoints.</summary>
    public static Caller? Of(HttpContext context) => context.Features.Get<Caller>();

    /// <summary>The caller a principal stands for, or why it may not use the service.</summary>
    public static (Caller? Caller, string? Refusal) From(ClaimsPrincipal principal, string scopeClaim)
    {
        // The service's own claims count only on the identities the service built (a key, the demo, an embed token): an
        // Entra ID token carrying a claim of the same name (which a tenant administrator could add) names and grants nothing.
        var own = principal.Identities.Where(i => i.AuthenticationType is ApiKeyAuthentication.SchemeName or DemoAuthentication.SchemeName or Embedding.EmbedAuthentication.SchemeName).ToList();
        var user = principal.GetObjectId() ?? principal.FindFirst("sub")?.Value;
        var identity = own.SelectMany(i => i.FindAll(IdentityClaim)).FirstOrDefault()?.Value ?? (user is null ? null : $"user:{user}");
        if (identity is null)
        {
            return (null, "The token names no user (no oid or sub claim).");
        }

        // Roles the service gave (keys, the demo) by name; a token's only as the app's own roles, Observatory.Analyst and
        // so on, so that no directory group that happens to be called "Admin" becomes one.
        var claimed = own.SelectMany(i => i.FindAll(RoleClaim)).Select(c => c.Value).Concat(principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role))
            .Select(c => c.Value).Where(v => v.StartsWith(Roles.AppRolePrefix, StringComparison.Ordinal)));
        if (Roles.Highest(claimed) is not { } role)
        {
            return (null, $"You are signed in but hold no Observatory role: ask an administrator to assign one of {string.Join(", ", Roles.All.Select(r => r.AppRole()))} to you in the app registration.");
        }

        var scopes = principal.FindAll(scopeClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Any(string.IsNullOrWhiteSpace))
        {
            return (null, $"Your account's '{scopeClaim}' claim is empty: it must name one scope (provider:CODE or borough:NAME), or be absent for every row your role may read.");
        }

        if (scopes.Count > 1)
        {
            return (null, $"Your account carries {scopes.Count} scopes ({string.Join(", ", scopes)}) in '{scopeClaim}'; it may carry one.");
        }

        try
        {
            // Only the embed scheme's own identity carries a grant: no claim of any token can make one.
            var embed = principal.Identities.OfType<EmbedIdentity>().SingleOrDefault()?.Grant;
            return (new Caller(identity, role, AccessScope.Parse(scopes.SingleOrDefault())) { Embed = embed }, null);
        }
        catch (Access.AccessException e)
        {
            return (null, e.Message);
        }
    }
}
