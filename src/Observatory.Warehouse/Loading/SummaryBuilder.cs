using System.Globalization;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Adds up the pre-aggregated sets (<see cref="WarehouseSummaries"/>) as fact rows stream past, then writes
/// them like any other table: a hash per summary of a few tens of thousands of keys, instead of sorting every
/// fact row in SQL after the load.
/// </summary>
internal sealed class SummaryBuilder
{
    private readonly Breakdown _breakdown = new();
    private readonly Accumulator<Referral, Model.Summaries.MonthlyReferral> _monthlyReferrals;
    private readonly Accumulator<Referral, Model.Summaries.MonthlyOutcome> _monthlyOutcomes;
    private readonly Accumulator<HealthCheck, Model.Summaries.YearlyHealthCheck> _yearlyHealthChecks;

    public SummaryBuilder()
    {
        _monthlyReferrals = new(WarehouseSummaries.MonthlyReferrals, _breakdown);
        _monthlyOutcomes = new(WarehouseSummaries.MonthlyOutcomes, _breakdown);
        _yearlyHealthChecks = new(WarehouseSummaries.YearlyHealthChecks, _breakdown);
    }

    public void Observe<T>(T row)
    {
        switch (row)
        {
            case Referral referral:
                _monthlyReferrals.Add(referral);
                _monthlyOutcomes.Add(referral);
                break;
            case HealthCheck check:
                _yearlyHealthChecks.Add(check);
                break;
            case Ethnicity ethnicity:
                _breakdown.Groups[ethnicity.EthnicityKey] = ethnicity.BroadGroup;
                break;
            case Area area:
                _breakdown.Areas[area.AreaKey] = (area.Borough, area.ImdQuintile);
                break;
        }
    }

    public void WriteTo(IWarehouseSink sink)
    {
        _monthlyReferrals.WriteTo(sink);
        _monthlyOutcomes.WriteTo(sink);
        _yearlyHealthChecks.WriteTo(sink);
    }

    /// <summary>What a fact's ethnic category and area roll up to; dimensions pass before the facts that use them.</summary>
    private sealed class Breakdown
    {
        public Dictionary<int, string> Groups { get; } = [];

        public Dictionary<int, (string Borough, int Quintile)> Areas { get; } = [];
    }

    /// <summary>A summary row's key while adding up: the broad group and borough as the category and area keys' strings.</summary>
    private readonly record struct RowKey(int Date, int Service, int AgeBand, string Group, string Borough, int Quintile);

    private sealed class Accumulator<TFact, TRow>(Summary<TFact, TRow> summary, Breakdown breakdown) where TRow : class, new()
    {
        // Keyed straight by the summary's breakdown, so the table holds a few tens of thousands of keys at any scale.
        private readonly Dictionary<RowKey, long[]> _sums = [];
        private readonly Dictionary<(int Ethnicity, int Area), (string Group, string Borough, int Quintile)> _rollUp = [];

        public void Add(TFact row)
        {
            if (!summary.Include(row))
            {
                return;
            }

            var keys = summary.Keys(row);
            if (!_rollUp.TryGetValue((keys.Ethnicity, keys.Area), out var target))
            {
                var (borough, quintile) = breakdown.Areas[keys.Area];
                target = (breakdown.Groups[keys.Ethnicity], borough, quintile);
                _rollUp.Add((keys.Ethnicity, keys.Area), target);
            }

            // The strings are the dimensions' own instances, so comparing equal keys is a reference check.
            var key = new RowKey(summary.Date(row), keys.Service, keys.AgeBand, target.Group, target.Borough, target.Quintile);
            if (!_sums.TryGetValue(key, out var sums))
            {
                sums = new long[summary.Measures.Count];
                _sums.Add(key, sums);
            }

            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += summary.Measures[i].Value(row);
            }
        }

        public void WriteTo(IWarehouseSink sink)
        {
            var rolled = _sums;
            var table = sink.Table<TRow>();
            var id = 0;
            foreach (var (key, sums) in rolled
                         .OrderBy(r => r.Key.Date).ThenBy(r => r.Key.Service).ThenBy(r => r.Key.AgeBand)
                         .ThenBy(r => r.Key.Group, StringComparer.Ordinal).ThenBy(r => r.Key.Borough, StringComparer.Ordinal).ThenBy(r => r.Key.Quintile))
            {
                var row = new TRow();
                Set(row, summary.Id, ++id);
                Set(row, summary.DateColumn, key.Date);
                if (summary.HasService)
                {
                    Set(row, "ServiceKey", key.Service);
                }

                Set(row, "AgeBandKey", key.AgeBand);
                Set(row, "EthnicityGroup", key.Group);
                Set(row, "Borough", key.Borough);
                Set(row, "ImdQuintile", key.Quintile);
                for (var i = 0; i < sums.Length; i++)
                {
                    Set(row, summary.Measures[i].Column, sums[i]);
                }

                table.Add(row);
            }
        }

        private static void Set(TRow row, string property, object value)
        {
            var info = typeof(TRow).GetProperty(property)
                ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no column {property}.");
            info.SetValue(row, value is string ? value : Convert.ChangeType(value, info.PropertyType, CultureInfo.InvariantCulture));
        }
    }
}
