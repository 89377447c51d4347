using System.Globalization;
using Observatory.Access.Roles;
using Observatory.Api.Feed;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;
using Observatory.Indicators.Disclosure;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Embedding;

/// <summary>
/// <c>POST /embed/tokens</c>: an embedding application's server asks for a token its page can embed one dashboard
/// with. In the order a request takes: who may ask, what it asks for, which dashboard, at which level, with which locked
/// filters; then the token, noted in the audit trail. Server to server: no CORS, so no page of another origin can ask.
/// </summary>
public static class EmbedTokenEndpoint
{
    public const string Path = "/embed/tokens";

    public static async Task MintAsync(HttpContext context, IEmbeddableDashboards dashboards, LockValues values, EmbedTokens tokens,
        IDisclosurePolicy disclosure, TimeProvider time, FeedRequestParser feed, WarehouseDatabase database)
    {
        try
        {
            // 1. Who: an Admin or an Embedder, signed in with an API key or an Entra ID token.
            var caller = Caller.Of(context)!;
            if (caller.Embed is not null)
            {
                throw Refused("An embed token cannot mint another: the embedding application's server mints them, with its Embedder key.");
            }

            if (caller.Role is not (Role.Admin or Role.Embedder))
            {
                throw Refused($"Only the {Role.Embedder} and {Role.Admin} roles mint embed tokens, and you are {caller.Role}. " +
                              $"An administrator creates a key for an embedding application with: observatory keys create --name intranet --role {Role.Embedder}");
            }

            // 2. What: the body.
            var request = await TokenRequest.ReadAsync(context.Request, context.RequestAborted);

            // 3. The dashboard.
            var dashboard = dashboards.Find(request.Dashboard)
                            ?? throw FeedRequestException.BadRequest($"There is no dashboard '{request.Dashboard}': the dashboards are listed at /dashboards.");

            // 4. The level: the caller's own, or lower.
            var own = disclosure.LevelFor(context);
            var level = request.Disclosure ?? own;
            if (level == DisclosureLevel.Unrestricted && own == DisclosureLevel.Controlled)
            {
                throw Refused($"You see indicator values at the {own} level, so the tokens you mint may not show them {level}: ask for \"disclosure\": \"{own}\", or leave it out.");
            }

            // 5. The locked filters: known values, inside the caller's scope, no unions at the controlled level.
            var locks = TokenLocks.Check(request.Filters, caller.Scope, level, await values.GetAsync(context.RequestAborted));

            // 6. The token, its minting noted in the audit trail (never the token itself), and the answer (never cached).
            var expires = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds() + request.Minutes * 60L);
            var grant = new EmbedGrant(dashboard.Id, locks, level, expires, Guid.NewGuid().ToString("N"));
            var token = tokens.Mint(caller.Identity, grant);
            if (context.Features.Get<AuditNotes>() is { } notes)
            {
                notes.Query = AuditNote(grant);
            }

            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsJsonAsync(new
            {
                token,
                expiresAt = Instant(expires),
                dashboard = dashboard.Id,
                embedUrl = $"{SiteRoot(feed, context.Request)}/embed/dashboards/{Uri.EscapeDataString(dashboard.Id)}",
            }, context.RequestAborted);
        }
        catch (FeedRequestException e)
        {
            await FeedErrors.WriteAsync(context, e.Status, e.Code, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && database.ClassifyWithin(e) is WarehouseUnavailableException unavailable)
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "WarehouseUnavailable", unavailable.Message, unavailable.RetryAfter);
        }
    }

    /// <summary>Any method but POST.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        return FeedErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed",
            $"Embed tokens are minted with POST {Path} and a JSON body, as in {{\"dashboard\": \"talking-therapies\"}}.");
    }

    /// <summary>The minting as the audit trail records it in the query column: dashboard, locks, level, expiry and the token's id.</summary>
    public static string AuditNote(EmbedGrant grant) =>
        "?" + string.Join('&', new[] { ("dashboard", grant.Dashboard) }
            .Concat(grant.Locks.SelectMany(l => l.Value.Select(v => (l.Key, v))))
            .Concat([("disclosure", grant.DisclosureLevel), ("expires", Instant(grant.ExpiresAt)), ("token-id", grant.TokenId)])
            .Select(p => $"{p.Item1}={Escape(p.Item2)}"));

    /// <summary>Escapes what would break the query's reading (and spaces); leaves the rest as written, for people reading the trail.</summary>
    private static string Escape(string value) => string.Concat(value.Select(c =>
        c is '%' or '&' or '=' or '#' or '+' or '?' || char.IsWhiteSpace(c) || char.IsControl(c) ? Uri.EscapeDataString(c.ToString()) : c.ToString()));

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The service's own address as clients reach it: the feed's public address without /odata, else this request's host.</summary>
    private static string SiteRoot(FeedRequestParser feed, HttpRequest request)
    {
        var root = feed.ServiceRoot(request);
        return root.EndsWith("/" + FeedRoute.Prefix, StringComparison.Ordinal) ? root[..^(FeedRoute.Prefix.Length + 1)] : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    private static FeedRequestException Refused(string message) => new(StatusCodes.Status403Forbidden, "Forbidden", message);
}
