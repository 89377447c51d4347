using Observatory.Api.Feed.Parsing;
using Observatory.Api.Security;

namespace Observatory.Api.Embedding;

/// <summary>
/// What an embed token lets the page that presents it read: one dashboard, with filters locked to given values, at
/// one disclosure level, until it expires. The feed narrows every query of such a caller by it
/// (<see cref="LockedRows"/>), so nothing the page sends can widen it.
/// </summary>
/// <param name="Dashboard">The dashboard's id, as at /dashboards/{id}.</param>
/// <param name="Locks">Locked filters by key (<see cref="LockedFilters"/>): each key's values, one or several.</param>
/// <param name="DisclosureLevel">Controlled or Unrestricted.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
/// <param name="TokenId">The token's jti: in the audit trail's record of its minting, and the key of its rate limit.</param>
public sealed record EmbedGrant(
    string Dashboard, IReadOnlyDictionary<string, IReadOnlyList<string>> Locks, string DisclosureLevel, DateTimeOffset ExpiresAt, string TokenId)
{
    public const string OtherDashboardCode = "EmbedTokenOtherDashboard";

    /// <summary>The grant of the request's caller, or null when it did not sign in with an embed token.</summary>
    public static EmbedGrant? Of(HttpContext context) => Caller.Of(context)?.Embed;

    /// <summary>
    /// Refuses a request made with an embed token for another dashboard than <paramref name="dashboard"/>; any other
    /// caller passes. Endpoints serving one dashboard (its definition, its data) call it before answering.
    /// </summary>
    /// <exception cref="FeedRequestException">403 <see cref="OtherDashboardCode"/>: write it with FeedErrors.WriteAsync.</exception>
    public static void CheckDashboard(HttpContext context, string dashboard)
    {
        if (Of(context) is { } grant && !string.Equals(grant.Dashboard, dashboard, StringComparison.Ordinal))
        {
            throw new FeedRequestException(StatusCodes.Status403Forbidden, OtherDashboardCode, OtherDashboard(grant, dashboard));
        }
    }

    public static string OtherDashboard(EmbedGrant grant, string dashboard) =>
        $"This embed token is for dashboard '{grant.Dashboard}', not '{dashboard}'.";

    /// <summary>The values locked for a key, or null when the key is not locked.</summary>
    public IReadOnlyList<string>? Locked(string key) => Locks.GetValueOrDefault(key);
}
