using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Reports.Model;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Reports.Progress;

/// <summary>The progress report's sections, built from the financial-year values of the ICS as a whole.</summary>
internal sealed class Sections(IndicatorCatalogue catalogue, Figures figures, IReadOnlyList<IndicatorValue> rows, IReadOnlyList<string> years, string year)
{
    private const string EthnicGroup = "ethnic-group";
    private const string White = "White";

    /// <summary>The recomputed total of a breakdown's published groups (disclosure-controlled values only): tabled, not charted.</summary>
    private const string Total = "Total";

    /// <summary>The code of the overall figure, shown first in tables by group.</summary>
    private const string Overall = "All";

    private readonly ILookup<(string Indicator, string Period, string Breakdown), IndicatorValue> _values =
        rows.ToLookup(v => (v.IndicatorId, v.Period, v.Breakdown));

    public Figures Figures => figures;

    public Headline Window(WindowValue value, string text, string? quote, Detail? detail)
    {
        var unit = value.Indicator.Unit;
        var details = new List<Detail>();
        // A count of programme participants is a census of them, not an estimate: no interval.
        if (value.Ci95 is { } interval && unit != IndicatorUnit.Count)
        {
            details.Add(new Detail("95% confidence interval", Figure.Plain(Figures.Format(interval, unit))));
        }

        if (value.Denominator is { } denominator && value.DenominatorUrl is { } url)
        {
            details.Add(new Detail("people", new Figure(denominator, Figures.Format(denominator, IndicatorUnit.Count), figures.Link(url))));
        }

        if (detail is not null)
        {
            details.Add(detail);
        }

        var shown = unit == IndicatorUnit.Count ? value.Numerator : value.Value;
        var figure = shown is { } number ? new Figure(number, Figures.Format(number, unit), figures.Link(value.Url))
            : new Figure(null, "no value", figures.Link(value.Url), "No one in the window.");
        return new Headline(value.Indicator.Id, figure, text, details, quote);
    }

    /// <param name="charted">The indicators counting people, drawn together by year.</param>
    public ReportSection GrowingMinds(IReadOnlyList<string> ids, IReadOnlyList<string> charted, IReadOnlyList<Headline> headlines, IReadOnlyList<string> notes)
    {
        var table = new ValueTable("growing-minds-by-year", "Growing Minds by financial year (City and Hackney)", ["Indicator", .. years],
            ids.Select(id => new TableRow(catalogue[id].Title, years.Select(y => OverallValue(id, y) is { } v ? figures.Value(v, catalogue[id]) : Figure.Plain("")).ToList())).ToList());
        var chart = new Chart("growing-minds-chart", "Growing Minds activity by financial year", ChartKind.Bar, "people", years,
            charted.Select(id => new ChartSeries(ShortTitle(id), years.Select(y => OverallValue(id, y)?.Value).ToList())).ToList(), Table: table.Id);
        return new ReportSection("growing-minds", "Growing Minds",
            "Growing Minds was commissioned to support the emotional wellbeing of young people and parents of African and Caribbean heritage: " +
            "Family Action counselling, Non-Violent Resistance parenting, Tree of Life in schools and Mental Health First Aid instructor training.",
            headlines, [chart], [table], [.. notes, .. Caveats(ids)]);
    }

    public ReportSection TalkingTherapies(IReadOnlyList<string> ids)
    {
        var (dropout, recovery) = (catalogue[ids[0]], catalogue[ids[1]]);
        var (table, charts) = ByEthnicity("talking-therapies-by-ethnicity", $"Talking Therapies drop-out and recovery by ethnic group, {year}",
            [(dropout, "Drop-out"), (recovery, "Recovery")], "All referrals");
        var texts = new Dictionary<IndicatorDefinition, string>
        {
            [dropout] = $"of referrals that entered treatment and ended in {year} ended earlier than the clinician planned (drop-out)",
            [recovery] = $"of people who finished a course of treatment in {year} with clinical symptoms recovered",
        };
        var headlines = texts.Select(t => OverallValue(t.Key.Id, year) is { } v ? YearHeadline(v, t.Key, t.Value) : null).OfType<Headline>().ToList();
        return new ReportSection("talking-therapies", "NHS Talking Therapies: drop-out and recovery by ethnicity",
            "The report named drop-out, higher in ethnic minority groups, as of immediate concern, and recovery rates as not yet equitable. " +
            "Each group is compared with White service users; a difference is called better or worse only when the 95% confidence intervals do not overlap.",
            headlines, charts, [table], [dropout.Question, recovery.Question, .. Caveats(ids)]);
    }

    /// <summary>The report's "charts below for data on CAMHS and IAPT services": who reaches each service, by ethnic group.</summary>
    public ReportSection Access(IReadOnlyList<string> ids)
    {
        var columns = ids.Select(id => (catalogue[id], catalogue[id].Title)).ToList();
        var (table, charts) = ByEthnicity("access-by-ethnicity", $"Access to Talking Therapies and CAMHS by ethnic group, {year}", columns, "Everyone");
        return new ReportSection("access", "Access to NHS Talking Therapies and CAMHS by ethnicity",
            "Referrals per 100,000 residents of each ethnic group (adults for Talking Therapies, under-18s for CAMHS; 2021 Census populations), " +
            "and the wait from a CAMHS referral to first contact. A group differs from White residents when the 95% confidence intervals do not overlap: " +
            "better or worse where the indicator has a direction (wider access to Talking Therapies, shorter waits), higher or lower where it has none (CAMHS referrals).",
            [], charts, [table], [.. ids.Select(id => catalogue[id].Question), .. Caveats(ids)]);
    }

    /// <summary>
    /// Indicators side by side for the overall figure and each ethnic group: value, 95% interval, comparison with
    /// White and, where there is one, with the target; and a chart of each with its intervals.
    /// </summary>
    private (ValueTable Table, List<Chart> Charts) ByEthnicity(string id, string caption, IReadOnlyList<(IndicatorDefinition Definition, string Name)> indicators, string overallName)
    {
        var groups = ByGroup(indicators[0].Definition.Id, EthnicGroup).Select(v => (v.GroupCode, v.GroupName)).ToList();
        IndicatorValue? Of(IndicatorDefinition d, string code) => code == Overall ? OverallValue(d.Id, year) : ByGroup(d.Id, EthnicGroup).FirstOrDefault(v => v.GroupCode == code);

        var columns = new List<string> { "Ethnic group" };
        foreach (var (definition, name) in indicators)
        {
            columns.AddRange([name, "95% CI", "Compared with White"]);
            if (definition.Target is { } target)
            {
                columns.Add($"Compared with the {Figures.Target(target.Value, definition.Unit)} target");
            }
        }

        var rows = groups.Prepend((Overall, overallName)).Select(group => new TableRow(group.Item2, indicators.SelectMany(indicator =>
        {
            var (definition, _) = indicator;
            var value = Of(definition, group.Item1);
            var cells = value is null ? [Figure.Plain(""), Figure.Plain(""), Figure.Plain("")]
                : new List<Figure> { figures.Value(value, definition), figures.Interval(value, definition), Compared(value) };
            if (definition.Target is { } target)
            {
                cells.Add(value is null ? Figure.Plain("") : Figures.Judgement(value.ComparedWithTarget, $"the {Figures.Target(target.Value, definition.Unit)} target"));
            }

            return cells;
        }).ToList())).ToList();
        var table = new ValueTable(id, caption, columns, rows);
        var charts = indicators.Select(i => IntervalChart($"{i.Definition.Id}-by-ethnicity", $"{i.Definition.Title}, by ethnic group, {year}", i.Definition,
            groups.Where(g => g.GroupCode != Total).Prepend((Overall, "All")).Select(g => (g.Item2, Of(i.Definition, g.Item1))).ToList(), table.Id)).ToList();
        return (table, charts);
    }

    public ReportSection HealthChecks(IReadOnlyList<string> ids)
    {
        var allSix = catalogue[ids[0]];
        var headlines = OverallValue(allSix.Id, year) is { } overall
            ? new[] { YearHeadline(overall, allSix, $"of people on the GP SMI register had all six physical health checks in the 12 months to the end of {year}",
                "We have again managed, despite Covid, to achieve the completion of 60% of serious mental illness (SMI) health checks.") }
            : [];
        var checks = ids.Select(id => (catalogue[id], OverallValue(id, year))).ToList();
        var checksTable = new ValueTable("health-checks-table", $"SMI physical health checks, {year}", ["Check", "Share of people on the register", "95% CI", "With the check", "On the register", "Compared with the target"],
            checks.Select(c => new TableRow(ShortTitle(c.Item1.Id), c.Item2 is { } v
                ? [figures.Value(v, c.Item1), figures.Interval(v, c.Item1), figures.Count(v.Numerator, v), figures.Count(v.Denominator, v),
                    c.Item1.Target is null ? Figure.Plain("no target") : Figures.Judgement(v.ComparedWithTarget, $"the {Figures.Target(c.Item1.Target.Value, c.Item1.Unit)} target")]
                : [Figure.Plain(""), Figure.Plain(""), Figure.Plain(""), Figure.Plain(""), Figure.Plain("")])).ToList());
        var groups = ByGroup(allSix.Id, EthnicGroup).ToList();
        var groupTable = new ValueTable("health-checks-by-ethnicity", $"All six checks by ethnic group, {year}", ["Ethnic group", "All six checks", "95% CI", "Compared with White"],
            groups.Select(v => new TableRow(v.GroupName, [figures.Value(v, allSix), figures.Interval(v, allSix), Compared(v)])).ToList());
        var charts = new[]
        {
            // Only "all six" has a target: none is drawn across the separate checks.
            IntervalChart("health-checks-chart", $"SMI physical health checks, {year}", allSix, checks.Select(c => (ShortTitle(c.Item1.Id), c.Item2)).ToList(), checksTable.Id,
                series: "Share of people on the register", withTarget: false),
            IntervalChart("health-checks-by-ethnicity-chart", $"All six checks by ethnic group, {year}", allSix,
                groups.Where(v => v.GroupCode != Total).Select(v => (v.GroupName, (IndicatorValue?)v)).ToList(), groupTable.Id),
        };
        return new ReportSection("health-checks", "Physical health checks for people with severe mental illness",
            "Share of people on the GP register for schizophrenia, bipolar disorder and other psychoses who had all six checks (alcohol, blood glucose or HbA1c, " +
            "blood pressure, BMI, lipids and smoking status) in the 12 months to the end of the year, against the national 60% target.",
            headlines, charts, [checksTable, groupTable], Caveats(ids));
    }

    public ReportSection Completeness(IReadOnlyList<(string Field, string Name)> fields, IReadOnlyList<(string Code, string Name)> services)
    {
        var shown = years.TakeWhile(y => y != year).Append(year).ToList();
        var charts = new List<Chart>();
        var tables = new List<ValueTable>();
        foreach (var (code, service) in services)
        {
            IndicatorValue? Of(string id, string period) => _values[(id, period, "service")].FirstOrDefault(v => v.GroupCode == code);
            var table = new ValueTable($"completeness-{code.ToLowerInvariant()}", $"{service}: share of referrals with a valid and with a known value", ["Field", .. shown],
                fields.SelectMany(f => new[] { ("valid", "valid code"), ("known", "known value") }.Select(kind =>
                {
                    var definition = catalogue[$"completeness-{f.Field}-{kind.Item1}"];
                    return new TableRow($"{f.Name}: {kind.Item2}", shown.Select(y => Of(definition.Id, y) is { } v ? figures.Value(v, definition) : Figure.Plain("")).ToList());
                })).ToList());
            tables.Add(table);
            charts.Add(new Chart($"completeness-{code.ToLowerInvariant()}-chart", $"{service}: share of referrals with a known value", ChartKind.Line, "%", shown,
                fields.Select(f => new ChartSeries(f.Name, shown.Select(y => Of($"completeness-{f.Field}-known", y)?.Value).ToList())).ToList(), Table: table.Id));
        }

        return new ReportSection("completeness", "Data completeness over time",
            "The report found data completeness improving over time, with room for improvement on sexuality, disability and the wider determinants of health " +
            "(employment and accommodation). A valid code includes 'not stated' and 'not known'; a known value does not.",
            [], charts, tables, Caveats(fields.Select(f => $"completeness-{f.Field}-known")));
    }

    private Headline YearHeadline(IndicatorValue value, IndicatorDefinition definition, string text, string? quote = null)
    {
        var details = new List<Detail> { new("95% confidence interval", figures.Interval(value, definition)) };
        if (definition.Target is { } target)
        {
            details.Add(new Detail($"against the {Figures.Target(target.Value, definition.Unit)} target", Figures.Judgement(value.ComparedWithTarget, "the target")));
        }

        if (value.Trend is "Increasing" or "Decreasing" or "NoSignificantChange")
        {
            details.Add(new Detail("five-year trend", Figure.Plain(TrendWords(value.TrendMeaning ?? value.Trend))));
        }

        return new Headline(definition.Id, figures.Value(value, definition), text, details, quote);
    }

    private static Chart IntervalChart(string id, string title, IndicatorDefinition definition, IReadOnlyList<(string Name, IndicatorValue? Value)> bars, string table,
        string? series = null, bool withTarget = true)
    {
        var target = withTarget ? definition.Target : null;
        return new(id, title, ChartKind.Bar, definition.Unit == IndicatorUnit.Proportion ? "%" : definition.UnitLabel, bars.Select(b => b.Name).ToList(),
            [new ChartSeries(series ?? definition.Title, bars.Select(b => b.Value?.Value).ToList(), bars.Select(b => b.Value?.Lower95).ToList(), bars.Select(b => b.Value?.Upper95).ToList())],
            target?.Value, target is { } t ? $"Target {Figures.Target(t.Value, definition.Unit)}" : null, table);
    }

    private Figure Compared(IndicatorValue value)
    {
        var reference = value.ReferenceGroup is { } code ? _values[(value.IndicatorId, value.Period, value.Breakdown)].FirstOrDefault(v => v.GroupCode == code)?.GroupName ?? code : null;
        return value.GroupCode == value.ReferenceGroup ? Figure.Plain("reference group") : Figures.Judgement(value.ComparedWithReference, reference ?? White);
    }

    private IndicatorValue? OverallValue(string id, string period) => _values[(id, period, Breakdown.Overall)].FirstOrDefault();

    private IEnumerable<IndicatorValue> ByGroup(string id, string breakdown) => _values[(id, year, breakdown)].OrderBy(v => v.GroupOrder);

    /// <summary>A trend as a sentence says it: "NoSignificantChange" reads "no significant change".</summary>
    private static string TrendWords(string trend) =>
        string.Concat(trend.Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : $"{(i == 0 ? char.ToLowerInvariant(c) : c)}"));

    private string ShortTitle(string id) => catalogue[id].Title.Split(": ", 2)[^1];

    private List<string> Caveats(IEnumerable<string> ids) => ids.SelectMany(id => catalogue[id].Caveats).Distinct(StringComparer.Ordinal).ToList();
}
