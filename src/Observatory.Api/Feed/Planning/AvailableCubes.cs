using Observatory.Api.Startup;
using Observatory.Query.Summaries;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Planning;

/// <summary>
/// The summary cubes the live warehouse holds, read from its catalogue when a new load is published and at most once a
/// second otherwise (a warehouse loaded before the cubes has none, and its facts answer every query). <c>Feed:SummaryCubes=false</c> turns them off: every query then reads the facts.
/// </summary>
public sealed class AvailableCubes(WarehouseDatabase database, CurrentLoad current, IConfiguration configuration)
{
    /// <summary>The response header that names the cube a $apply was answered from.</summary>
    public const string Header = "Observatory-Answered-From";

    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private (int? Load, DateTime Checked, IReadOnlySet<string>? Present) _known;

    private readonly bool _enabled = configuration.GetValue("Feed:SummaryCubes", true);

    public async Task<IReadOnlyList<SummaryCube>> ForAsync(string set, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return [];
        }

        var load = (await current.GetAsync(cancellationToken)).LoadId;
        var known = _known;
        if (known.Present is null || known.Load != load || DateTime.UtcNow - known.Checked > CheckEvery)
        {
            known = _known = (load, DateTime.UtcNow, await SummaryCubeStep.PresentAsync(database, cancellationToken));
        }

        return [.. SummaryCubes.For(set).Where(c => known.Present!.Contains(c.Name))];
    }
}
