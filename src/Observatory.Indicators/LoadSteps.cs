using Observatory.Query.Summaries;
using Observatory.Warehouse.Loading;

namespace Observatory.Indicators;

/// <summary>What every load builds beside the facts before it publishes them: the summary cubes, then the indicator values.</summary>
public static class LoadSteps
{
    public static IReadOnlyList<IStagingStep> Default() => [new SummaryCubeStep(), new IndicatorStep()];
}
