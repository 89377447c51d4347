using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Parsing;

namespace Observatory.Api.Security;

/// <summary>
/// Refuses, with 403 and the OData error code <see cref="Code"/>, a request whose conditions ask by name (equality or
/// <c>in</c>, however rephrased: <see cref="NamedValues"/>) for a value outside the caller's limits
/// (<see cref="ScopeLimits"/>): another borough for a borough scope, another provider or its services for a provider
/// scope, a value an embed token does not lock to. The scope's rows are cut in SQL already (<see cref="ScopedRows"/>),
/// so such a request would answer an empty 200, which a template's refresh or a script takes for "none" rather than
/// "not yours". A condition that only narrows (<c>Area ne 'Hackney'</c>, <c>contains(Area,'Hack')</c>) is not
/// refused: the row scope narrows it as any other. Checked for every request the feed answers, a $batch part included:
/// $filter and the filter steps of $apply on the set read; for a live evaluation, its area, its filter over the
/// indicator's facts and the $filter on its result.
/// </summary>
public sealed class OutsideScope(ScopeLimits limits, IEdmModel model)
{
    public const string Code = "OutsideScope";

    /// <summary>The $filter and $apply filter steps of a request on a set (a function is checked with its indicator: <see cref="CheckEvaluationAsync"/>).</summary>
    public async Task CheckAsync(Caller caller, FeedRequest request, CancellationToken cancellationToken)
    {
        if (request.Resource.Kind == ResourceKind.Function || !Limited(caller))
        {
            return;
        }

        var set = request.Resource.Set.Name;
        var found = await limits.ForAsync(caller, set, cancellationToken);
        var steps = request.Apply?.Transformations.OfType<Microsoft.OData.UriParser.Aggregation.FilterTransformationNode>().Select(f => f.FilterClause.Expression) ?? [];
        foreach (var condition in steps.Append(request.Filter?.Expression).OfType<SingleValueNode>())
        {
            Check(condition, found, set);
        }
    }

    /// <summary>A live evaluation's area (whose values it would compute), its filter over <paramref name="facts"/>, and the $filter on its result.</summary>
    public async Task CheckEvaluationAsync(Caller caller, FeedRequest request, string facts, string area, string? filter, CancellationToken cancellationToken)
    {
        if (!Limited(caller))
        {
            return;
        }

        // The result is read as stored values are: its Area is the area evaluated.
        const string values = "IndicatorValues";
        var onValues = await limits.ForAsync(caller, values, cancellationToken);
        foreach (var limit in onValues.Where(l => l.Path == ScopePaths.Borough(values) && !l.Allowed.Contains(area, StringComparer.Ordinal)))
        {
            var others = limit.Allowed.Count > 1 ? $" (or {string.Join(", ", limit.Allowed.Skip(1).Select(a => $"'{a}'"))})" : "";
            throw Refusal($"{limit.Owner}: evaluate for area='{(limit.Allowed.Count > 0 ? limit.Allowed[0] : "")}'{others}, not '{area}'. The ICS's values, or another borough's, " +
                          "would count rows outside the limit under another area's name.");
        }

        if (request.Filter is { } result)
        {
            Check(result.Expression, onValues, "The result");
        }

        if (filter is not null && Parsed(facts, filter) is { } condition)
        {
            Check(condition, await limits.ForAsync(caller, facts, cancellationToken), facts);
        }
    }

    private static bool Limited(Caller caller) => caller.Scope is not null || caller.Embed is { Locks.Count: > 0 };

    private static void Check(SingleValueNode condition, IReadOnlyList<ScopeLimit> found, string set)
    {
        if (found.Count == 0)
        {
            return;
        }

        foreach (var named in NamedValues.In(condition))
        {
            foreach (var limit in found.Where(l => l.Path == named.Path && !Inside(l, named)))
            {
                var ask = limit.Allowed.Count switch
                {
                    0 => $"no {limit.Path} is inside it",
                    1 => $"ask for {limit.Path} eq {Literal(limit, limit.Allowed[0])}",
                    _ => $"ask for {limit.Path} in ({string.Join(",", limit.Allowed.Select(a => Literal(limit, a)))})",
                };
                throw Refusal($"{limit.Owner}, so {set} has no rows with {limit.Path} {Literal(limit, named.Value)} for you: {ask}, " +
                              $"or leave {limit.Path} out, since your rows are inside the limit already.");
            }
        }
    }

    private static bool Inside(ScopeLimit limit, NamedValues.Named named) => named.IgnoreCase
        ? limit.Allowed.Any(a => string.Equals(a.Trim(), named.Value.Trim(), StringComparison.OrdinalIgnoreCase))
        : limit.Allowed.Contains(named.Value, StringComparer.Ordinal);

    private static string Literal(ScopeLimit limit, string value) => limit.Numeric ? value : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>An evaluation's filter over its facts; null when it does not parse, which the evaluation itself answers (400).</summary>
    private SingleValueNode? Parsed(string facts, string filter)
    {
        var set = model.EntityContainer.FindEntitySet(facts);
        try
        {
            return set is null ? null : new ODataQueryOptionParser(model, set.EntityType, set, new Dictionary<string, string> { ["$filter"] = filter }).ParseFilter()?.Expression;
        }
        catch (ODataException)
        {
            return null;
        }
    }

    private static FeedRequestException Refusal(string message) => new(StatusCodes.Status403Forbidden, Code, message);
}
