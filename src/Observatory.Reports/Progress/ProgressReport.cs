using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Query.Sql;
using Observatory.Reports.Model;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Providers;

namespace Observatory.Reports.Progress;

/// <summary>What to render: the financial year, the caller's disclosure level and the feed's root URL for the links.</summary>
/// <param name="Year">e.g. "2021/22"; empty for the year of the published report, or the latest the warehouse has.</param>
public sealed record ProgressReportRequest(string? Year, string Disclosure, string FeedRoot)
{
    /// <summary>The area reported on: the ICS, or the one borough a caller is limited to.</summary>
    public string Area { get; init; } = IndicatorComputation.IcsName;

    /// <summary>The caller's row policy over IndicatorValues (<c>$filter</c> syntax), applied in the SQL of every value read.</summary>
    public string? RowCondition { get; init; }

    /// <summary>Whether the caller is limited to a scope: figures computed from the facts for the whole ICS are then left out.</summary>
    public bool Scoped { get; init; }
}

/// <summary>A request the report cannot answer as asked (an unknown year or disclosure level).</summary>
public sealed class ReportRequestException(string message) : Exception(message);

/// <summary>The warehouse has no indicator values to report (they are computed at each load).</summary>
public sealed class ReportUnavailableException(string message) : Exception(message);

/// <summary>
/// The data sections of City and Hackney's Synergi Pledge progress report (March 2022), regenerated from the
/// indicator catalogue: Growing Minds, Talking Therapies drop-out and recovery by ethnicity, access to Talking
/// Therapies and CAMHS by ethnicity (the report's missing "charts below"), SMI physical health checks and data
/// completeness over time. Every figure is an indicator value (or, for the report's own windows,
/// the indicator computed over that window) and links to the feed URL that produces it.
/// </summary>
public sealed class ProgressReport
{
    /// <summary>The financial year the published report covers.</summary>
    public const string PublishedYear = "2021/22";

    private const string EthnicGroup = "ethnic-group";
    private const string Service = "service";

    /// <summary>The report's Growing Minds statements, each an indicator over the window the report used.</summary>
    private static readonly ReportWindow[] Windows =
    [
        new("gm-counselling-completions", new DateOnly(2020, 2, 1), new DateOnly(2022, 2, 28),
            "children and young people of African and Caribbean heritage completed Family Action counselling (up to 16 sessions) between February 2020 and February 2022",
            "A total of 123 people received this service and completed their support sessions between February 2020 and February 2022."),
        new("gm-nvr-parents", null, new DateOnly(2022, 1, 31),
            "parents and carers started Non-Violent Resistance (NVR) parenting training up to January 2022",
            "Thirty-five parents/carers accessed the first two tranches of NVR training delivered by community partners up to January 2022."),
        new("gm-tol-participants", new DateOnly(2021, 9, 1), new DateOnly(2022, 7, 31),
            "young people in Tree of Life groups completed both the pre and the post questionnaire during the pilot (September 2021 to July 2022)",
            "early quantitative data from the pre and post questionnaires completed by students (52)"),
        new("gm-tol-schools", new DateOnly(2021, 9, 1), new DateOnly(2022, 7, 31),
            "secondary schools ran Tree of Life groups during the pilot",
            "all the schools that participated (10 secondary schools out of 14 approached)", WithSchoolsApproached: true),
        new("gm-tol-wellbeing-change", new DateOnly(2021, 9, 1), new DateOnly(2022, 7, 31),
            "points: the mean change in wellbeing score (SWEMWBS) between the pre and the post questionnaire during the pilot", null),
    ];

    /// <summary>The programme's indicators, those counting people first.</summary>
    private static readonly string[] GrowingMinds = ["gm-counselling-completions", "gm-nvr-parents", "gm-tol-participants", "gm-tol-schools", "gm-tol-wellbeing-change"];
    private static readonly string[] TalkingTherapies = ["tt-dropout", "tt-recovery"];
    private static readonly string[] Access = ["tt-access-rate", "camhs-referral-rate", "camhs-wait-first-contact"];
    private static readonly string[] HealthChecks = ["smi-all-six", "smi-alcohol", "smi-blood-glucose", "smi-blood-pressure", "smi-bmi", "smi-lipids", "smi-smoking"];
    private static readonly (string Field, string Name)[] CompletenessFields =
        [("ethnicity", "Ethnic category"), ("sexual-orientation", "Sexual orientation"), ("disability", "Disability"), ("employment", "Employment status"), ("accommodation", "Accommodation status")];
    private static readonly (string Code, string Name)[] CompletenessServices = [("TT", "NHS Talking Therapies"), ("CAMHS", "CAMHS")];

    private readonly IndicatorCatalogue _catalogue;

    /// <exception cref="CatalogueException">The catalogue lacks an indicator the report shows.</exception>
    public ProgressReport(IndicatorCatalogue catalogue)
    {
        _catalogue = catalogue;
        if (Indicators.FirstOrDefault(id => catalogue.Indicators.All(i => i.Id != id)) is { } missing)
        {
            throw new CatalogueException($"The progress report shows the indicator '{missing}', which the catalogue lacks.");
        }
    }

    private static IEnumerable<string> Indicators => GrowingMinds.Concat(TalkingTherapies).Concat(Access).Concat(HealthChecks)
        .Concat(CompletenessFields.SelectMany(f => new[] { $"completeness-{f.Field}-valid", $"completeness-{f.Field}-known" }));

    public async Task<Report> BuildAsync(WarehouseContext warehouse, ProgressReportRequest request, CancellationToken cancellationToken = default)
    {
        if (!DisclosureLevel.IsKnown(request.Disclosure))
        {
            throw new ReportRequestException($"The disclosure level must be {DisclosureLevel.Controlled} or {DisclosureLevel.Unrestricted}, not '{request.Disclosure}'.");
        }

        var ids = Indicators.ToList();
        var level = request.Disclosure;
        var area = request.Area;
        var rows = await (await ValuesAsync(warehouse, request.RowCondition, cancellationToken)).AsNoTracking()
            .Where(v => v.Disclosure == level && v.PeriodType == "FinancialYear" && v.Area == area && ids.Contains(v.IndicatorId)
                        && (v.Breakdown == Breakdown.Overall || v.Breakdown == EthnicGroup || v.Breakdown == Service))
            .ToListAsync(cancellationToken);
        var years = rows.GroupBy(v => v.Period).OrderBy(g => g.Min(v => v.PeriodStartKey)).Select(g => g.Key).ToList();
        if (years.Count == 0)
        {
            throw new ReportUnavailableException("The warehouse has no indicator values yet: they are computed at each load, or by 'observatory indicators'.");
        }

        var year = string.IsNullOrWhiteSpace(request.Year) ? (years.Contains(PublishedYear) ? PublishedYear : years[^1]) : request.Year.Trim();
        if (!years.Contains(year))
        {
            // A year is seven characters ("2021/22"): anything much longer is not echoed back whole.
            var shown = year.Length <= 16 ? year : year[..16] + "…";
            throw new ReportRequestException($"There are no values for the financial year '{shown}': choose one of {string.Join(", ", years)}.");
        }

        var context = new Sections(_catalogue, new Figures(request.FeedRoot), rows, years, year);
        var sections = new List<ReportSection>
        {
            await GrowingMindsAsync(context, warehouse, request.Scoped ? DisclosureLevel.Controlled : level, cancellationToken),
            context.TalkingTherapies(TalkingTherapies),
            context.Access(Access),
            context.HealthChecks(HealthChecks),
            context.Completeness(CompletenessFields, CompletenessServices),
        };
        return new Report(
            "Synergi Pledge progress report: data sections",
            area == IndicatorComputation.IcsName ? $"City and Hackney Integrated Care System, financial year {year}" : $"{area} residents, financial year {year}",
            year, years, level, context.Figures.FeedRoot,
            "City and Hackney's progress report on the Synergi Pledge (commitment 2: measuring ethnic inequalities in mental health care), March 2022.",
            sections);
    }

    /// <summary>The indicator values the caller's row policy lets through, the policy translated into the query's SQL.</summary>
    private static async Task<IQueryable<IndicatorValue>> ValuesAsync(WarehouseContext warehouse, string? condition, CancellationToken cancellationToken)
    {
        if (condition is null)
        {
            return warehouse.Set<IndicatorValue>();
        }

        var table = nameof(WarehouseContext.IndicatorValues);
        var terms = await new FactConditions(table, WarehouseDatabase.For(warehouse).Dialect).TranslateAsync(condition, cancellationToken);
        // The terms are SQL the shared translator wrote from a parsed OData filter, every literal escaped by the dialect.
#pragma warning disable EF1002
        return warehouse.Set<IndicatorValue>().FromSqlRaw($"SELECT * FROM \"{table}\" AS f WHERE {string.Join(" AND ", terms)}");
#pragma warning restore EF1002
    }

    private async Task<ReportSection> GrowingMindsAsync(Sections context, WarehouseContext warehouse, string level, CancellationToken cancellationToken)
    {
        var headlines = new List<Headline>();
        var notes = new List<string>();
        if (level == DisclosureLevel.Unrestricted)
        {
            var firstDay = await warehouse.Set<CalendarDate>().MinAsync(d => d.DateKey, cancellationToken);
            var approached = await warehouse.Set<School>().CountAsync(s => s.Approached, cancellationToken);
            var first = DateOnly.ParseExact(firstDay.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture);
            var values = await IndicatorWindow.ComputeAsync(warehouse,
                Windows.Select(w => (_catalogue[w.IndicatorId], w.From ?? first, w.To)).ToList(), cancellationToken);
            var approachedFigure = new Detail("approached",
                new Figure(approached, approached.ToString("N0", CultureInfo.InvariantCulture), context.Figures.Link("Schools/$count?$filter=Approached")));
            headlines.AddRange(Windows.Zip(values, (window, value) =>
                context.Window(value, window.Text, window.Quote, window.WithSchoolsApproached ? approachedFigure : null)));
        }
        else
        {
            notes.Add("The published report counted Growing Minds over windows of its own (e.g. February 2020 to February 2022). Those need exact monthly counts, " +
                      "which are not published at this disclosure level; the disclosure-controlled financial-year figures are below.");
        }

        return context.GrowingMinds(GrowingMinds, GrowingMinds[..3], headlines, notes);
    }

    /// <param name="From">The first day; empty for the first day the warehouse holds.</param>
    /// <param name="WithSchoolsApproached">Shown beside the schools approached (from the Schools dimension), as the report put it.</param>
    private sealed record ReportWindow(string IndicatorId, DateOnly? From, DateOnly To, string Text, string? Quote, bool WithSchoolsApproached = false);
}
