using Observatory.Api.Feed.Parsing;
using Observatory.Api.Security;

namespace Observatory.Api.Embedding;

/// <summary>
/// An embed token's grant as row policy: the part of <see cref="ScopedRows"/>'s condition that narrows what an embedded
/// dashboard reads to its own indicators and its locked filters. It is in the SQL of every query the page can make (the
/// feed's sets, and the facts and census counts a live evaluation reads), so the page cannot change or remove a lock.
/// </summary>
public sealed class LockedRows(IEmbeddableDashboards dashboards)
{
    /// <returns>The condition on the set's rows, or null for every row (the dimensions).</returns>
    /// <exception cref="FeedRequestException">403: the grant cannot be honoured on the set.</exception>
    public string? ConditionFor(EmbedGrant grant, string set)
    {
        switch (set)
        {
            case "Indicators":
                return OnDashboard(grant, "IndicatorId");
            case "IndicatorValues":
                return ValuesCondition(grant);
            case "Population":
                // A rate's census denominator: narrowed by the locks the census records; a service lock leaves it whole,
                // as the provider scope does, since residents belong to no service.
                return FactCondition(grant, set, unrecorded: null);
            default:
                return SetAccess.KindOf(set) switch
                {
                    SetKind.Dimension => null,
                    // A fact set that does not record a locked filter (health checks have no service) cannot say which of
                    // its rows the lock keeps: it keeps none, rather than all, so an indicator over it shows nothing.
                    SetKind.Fact => FactCondition(grant, set, unrecorded: "false"),
                    _ => throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                        $"An embedded dashboard reads Indicators, IndicatorValues and indicators evaluated live, not {set}."),
                };
        }
    }

    /// <summary>
    /// An embedded dashboard evaluates its own indicators only. (With a borough lock, only for a locked borough: the
    /// ICS's values, or the other borough's, would count rows outside the lock under another area's name; that is
    /// checked with every other limit, by <see cref="OutsideScope"/>.)
    /// </summary>
    /// <exception cref="FeedRequestException">403, naming the dashboard.</exception>
    public void CheckEvaluation(EmbedGrant grant, string indicator)
    {
        if (!Indicators(grant).Contains(indicator))
        {
            throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                $"This embed token is for dashboard '{grant.Dashboard}', which does not show {indicator}.");
        }
    }

    /// <summary>
    /// The stored values of the dashboard's indicators, at the token's level (added by <see cref="ScopedRows"/>), of a
    /// locked borough. Stored values are computed by borough and by one breakdown at a time, never narrowed by a service,
    /// an age band, a gender or a quintile, so a token locking one of those cannot read them at all.
    /// </summary>
    private string ValuesCondition(EmbedGrant grant)
    {
        if (grant.Locks.Keys.FirstOrDefault(k => k != LockedFilters.Borough) is { } other)
        {
            throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                $"This embed token locks {other} to {string.Join(" or ", grant.Locks[other].Select(v => $"'{v}'"))}, and stored IndicatorValues are not computed for it: " +
                "evaluate the dashboard's indicators live instead, as in Indicators('id')/Observatory.Evaluate(period='2022/23'), which counts only the locked rows.");
        }

        var mine = OnDashboard(grant, "IndicatorId");
        return grant.Locked(LockedFilters.Borough) is { } boroughs
            ? $"({mine}) and ({LockedFilters.Condition(ScopePaths.Borough("IndicatorValues")!, LockedFilters.Borough, boroughs)})"
            : mine;
    }

    private static string? FactCondition(EmbedGrant grant, string set, string? unrecorded)
    {
        List<string> conditions = [];
        foreach (var (key, values) in grant.Locks)
        {
            if (LockedFilters.PathOf(set, key) is { } path)
            {
                conditions.Add(LockedFilters.Condition(path, key, values));
            }
            else if (unrecorded is not null)
            {
                return unrecorded;
            }
        }

        return conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => string.Join(" and ", conditions.Select(c => $"({c})")),
        };
    }

    private string OnDashboard(EmbedGrant grant, string property)
    {
        var indicators = Indicators(grant);
        return indicators.Count == 0
            ? "false"
            : $"{property} in ({string.Join(",", indicators.Order(StringComparer.Ordinal).Select(i => $"'{i.Replace("'", "''", StringComparison.Ordinal)}'"))})";
    }

    /// <summary>The dashboard's indicators as it is listed now; none if it has gone since the token was minted.</summary>
    private IReadOnlySet<string> Indicators(EmbedGrant grant) => dashboards.Find(grant.Dashboard)?.Indicators ?? new HashSet<string>();
}
