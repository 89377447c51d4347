namespace Observatory.Indicators.Computation;

/// <summary>
/// The rows of one <see cref="FactPass"/> added up in memory: first once per way of grouping them (a breakdown's
/// groups, or the deciles), all measures together, by area and month; then handed to each indicator that groups
/// them that way.
/// </summary>
internal sealed class PassSums
{
    private readonly List<(GroupMap Groups, int Key)> _feeds = [];
    private readonly (IndicatorPlan Plan, MonthlySeries Series, int[] Measures, int[] Feeds, int Decile)[] _plans;

    /// <summary>By feed, area (0: the ICS, then its boroughs) and group: each month's measures, side by side.</summary>
    private readonly double[]?[][][] _sums;

    private readonly GroupMap _areas;
    private readonly int _areaColumn;
    private readonly int _areaCount;
    private readonly MonthRange _calendar;
    private readonly int _width;
    private int _first = int.MaxValue;
    private int _last = int.MinValue;

    public PassSums(FactPass pass, GroupMap areas)
    {
        var columnOf = pass.KeyColumns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        int FeedOf(BreakdownPlan breakdown)
        {
            var feed = (breakdown.Groups, breakdown.FactColumn is null ? -1 : columnOf[breakdown.FactColumn]);
            var at = _feeds.IndexOf(feed);
            if (at < 0)
            {
                _feeds.Add(feed);
                at = _feeds.Count - 1;
            }

            return at;
        }

        _plans = pass.Indicators.Select(i => (
            i.Plan, i.Series,
            new[] { i.Plan.Numerator, i.Plan.Denominator, i.Plan.Squares, i.Plan.NumeratorKeys, i.Plan.DenominatorKeys }.Select(pass.MeasureOf).ToArray(),
            i.Plan.Breakdowns.Select(FeedOf).ToArray(),
            i.Plan.Deciles is null ? -1 : FeedOf(i.Plan.Deciles))).ToArray();
        _areas = areas;
        _areaColumn = columnOf.GetValueOrDefault("AreaKey", -1);
        _areaCount = _areaColumn < 0 ? 1 : 1 + areas.Groups.Count;
        _calendar = pass.Indicators[0].Series.Calendar;
        _width = pass.Measures.Count;
        _sums = _feeds.Select(f => Enumerable.Range(0, _areaCount).Select(_ => new double[]?[f.Groups.Groups.Count]).ToArray()).ToArray();
        Keys = new long[pass.KeyColumns.Count];
        Values = new double[_width];
    }

    /// <summary>The keys of the row being added, in the order of the pass's key columns.</summary>
    public long[] Keys { get; }

    /// <summary>The measures of the row being added.</summary>
    public double[] Values { get; }

    /// <summary>The first and last month (indices into the calendar) that had a row.</summary>
    public (int First, int Last) Months => (_first, _last);

    /// <summary>Adds the row in <see cref="Keys"/> and <see cref="Values"/> to its month.</summary>
    public void Add(int yearMonth)
    {
        var month = _calendar.Index(Period.FromYearMonth(yearMonth));
        (_first, _last) = (Math.Min(_first, month), Math.Max(_last, month));
        var borough = _areaColumn < 0 ? -1 : _areas[Keys[_areaColumn]];
        for (var f = 0; f < _feeds.Count; f++)
        {
            var group = _feeds[f].Key < 0 ? 0 : _feeds[f].Groups[Keys[_feeds[f].Key]];
            if (group < 0)
            {
                continue;
            }

            Accumulate(_sums[f][0], group, month);
            if (borough >= 0)
            {
                Accumulate(_sums[f][1 + borough], group, month);
            }
        }
    }

    /// <summary>Hands each indicator its <see cref="Sums"/> by area, group and month.</summary>
    public void HandOut()
    {
        foreach (var (plan, series, measures, breakdownFeeds, decileFeed) in _plans)
        {
            for (var area = 0; area < (plan.HasAreas ? _areaCount : 1); area++)
            {
                for (var b = 0; b < breakdownFeeds.Length; b++)
                {
                    Hand(_sums[breakdownFeeds[b]][area], (group, month, sums) => series.Add(area, b, group, month, sums));
                }

                if (decileFeed >= 0)
                {
                    Hand(_sums[decileFeed][area], (decile, month, sums) => series.AddDecile(area, decile, month, sums));
                }
            }

            void Hand(double[]?[] groups, Action<int, int, Sums> add)
            {
                for (var group = 0; group < groups.Length; group++)
                {
                    if (groups[group] is not { } monthly)
                    {
                        continue;
                    }

                    for (var month = 0; month < _calendar.Count; month++)
                    {
                        var at = month * _width;
                        double Of(int measure) => measure < 0 ? 0 : monthly[at + measure];
                        var sums = new Sums(Of(measures[0]), Of(measures[1]), Of(measures[2]), Of(measures[3]), Of(measures[4]));
                        if (!sums.IsEmpty)
                        {
                            add(group, month, sums);
                        }
                    }
                }
            }
        }
    }

    private void Accumulate(double[]?[] groups, int group, int month)
    {
        var sums = groups[group] ??= new double[_calendar.Count * _width];
        var at = month * _width;
        for (var m = 0; m < _width; m++)
        {
            sums[at + m] += Values[m];
        }
    }
}
