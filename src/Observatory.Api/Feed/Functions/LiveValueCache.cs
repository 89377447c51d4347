using Microsoft.Extensions.Caching.Memory;
using Observatory.Api.Startup;
using Observatory.Indicators.Live;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Api.Feed.Functions;

/// <summary>
/// Live values already computed, kept for half an hour after their last use: a board opening the same view as a
/// colleague, or going back to one, gets it without scanning the facts again. An entry is the values of one slice of
/// one indicator for one load, at one disclosure level and within one set of row conditions, so two callers share it
/// only when the feed would give them the same rows. <c>Feed:LiveCache=false</c> turns it off.
/// </summary>
public sealed class LiveValueCache(IConfiguration configuration, CurrentLoad current) : IDisposable
{
    /// <summary>At most this many slices are kept (a slice's values are a few dozen rows).</summary>
    public const int Slices = 4_000;

    private readonly bool _enabled = configuration.GetValue("Feed:LiveCache", true);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Slices });

    private sealed record Key(int? Load, string Indicator, LiveSlice Slice, bool Controlled, string? Facts, string? Population);

    /// <param name="rows">The caller's row conditions on the indicator's facts and on the census population.</param>
    public async Task<IReadOnlyList<IndicatorValue>> GetAsync(string indicator, LiveSlice slice, bool controlled, (string? Facts, string? Population) rows,
        Func<Task<IReadOnlyList<IndicatorValue>>> evaluate, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return await evaluate();
        }

        var key = new Key((await current.GetAsync(cancellationToken)).LoadId, indicator, slice, controlled, rows.Facts, rows.Population);
        if (_cache.TryGetValue(key, out IReadOnlyList<IndicatorValue>? known))
        {
            return known!;
        }

        var values = await evaluate();
        _cache.Set(key, values, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return values;
    }

    public void Dispose() => _cache.Dispose();
}
