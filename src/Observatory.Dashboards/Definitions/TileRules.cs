using Observatory.Indicators.Catalogue;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// What each kind of tile can draw (<see cref="TileKind"/>): how many indicators, by which breakdown. A headline and a
/// heat map take one or more indicators by any breakdown the indicators share.
/// </summary>
internal static class TileRules
{
    /// <summary>The breakdown a gradient is drawn by: the slope index of inequality is fitted across IMD quintiles.</summary>
    public const string GradientBreakdown = "imd-quintile";

    /// <exception cref="DashboardException">The indicators and breakdown do not make the tile's kind; at the node to change.</exception>
    public static void Check(FileMapping tile, TileKind kind, int indicators, string breakdown)
    {
        var overall = breakdown == Breakdown.Overall;
        var (key, problem) = kind switch
        {
            TileKind.Bar when indicators == 1 && overall => ("kind",
                "a bar tile shows one indicator by a breakdown (a bar per group) or several indicators overall (a bar each); " +
                "give this one a breakdown (e.g. breakdown: ethnic-group) or list more indicators"),
            TileKind.Bar when indicators > 1 && !overall => ("breakdown",
                $"a bar tile shows several indicators overall (a bar each) or one indicator by a breakdown (a bar per group); " +
                $"remove breakdown: {breakdown}, or keep one indicator"),
            TileKind.Gradient when indicators > 1 => ("indicators",
                $"a gradient tile shows one indicator by {GradientBreakdown}, with its slope index of inequality; name one indicator"),
            TileKind.Gradient when breakdown != GradientBreakdown => ("breakdown",
                $"a gradient tile shows one indicator by {GradientBreakdown}, with its slope index of inequality; set breakdown: {GradientBreakdown}"),
            TileKind.Trend when indicators > 1 && !overall => ("breakdown",
                $"a trend of several indicators follows each one's overall value; remove breakdown: {breakdown}, or keep one indicator to follow its groups"),
            _ => (null, null),
        };
        if (problem is not null)
        {
            throw tile.Error(tile.Has(key!) ? key! : "kind", $"{tile.Name}: {problem}");
        }
    }
}
