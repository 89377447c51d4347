using Observatory.Indicators.Statistics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Observatory.Indicators.Catalogue;

/// <summary>
/// The catalogue: every indicator definition in <c>seed/indicators/*.yaml</c>, read and checked for shape (the
/// warehouse checks the queries when values are computed). Ordered by theme as the report presents them, then id.
/// </summary>
public sealed class IndicatorCatalogue
{
    private static readonly string[] ThemeOrder = ["Talking Therapies", "CAMHS", "SMI health checks", "Growing Minds", "Data completeness"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public IndicatorCatalogue(IEnumerable<IndicatorDefinition> indicators)
    {
        Indicators = [.. indicators.OrderBy(i => Array.IndexOf(ThemeOrder, i.Theme) is var t and >= 0 ? t : ThemeOrder.Length).ThenBy(i => i.Id, StringComparer.Ordinal)];
        if (Indicators.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new CatalogueException($"Indicator id '{duplicate.Key}' is defined more than once.");
        }
    }

    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    public IndicatorDefinition this[string id] => Indicators.FirstOrDefault(i => i.Id == id)
        ?? throw new CatalogueException($"No indicator '{id}' in the catalogue.");

    /// <summary>The catalogue shipped with Observatory (copied beside the program under seed/indicators).</summary>
    public static IndicatorCatalogue Load() =>
        Load(Path.Combine(Warehouse.Reference.SeedDirectory.Path, "indicators")) is { Indicators.Count: > 0 } catalogue ? catalogue
            : throw new CatalogueException($"No indicator definitions in {Path.Combine(Warehouse.Reference.SeedDirectory.Path, "indicators")}.");

    public static IndicatorCatalogue Load(string directory) => !Directory.Exists(directory)
        ? throw new CatalogueException($"The indicator catalogue {directory} is missing.")
        : new(Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(ReadFile));

    /// <exception cref="CatalogueException">The file is not a complete, well-formed definition; the message names the file.</exception>
    public static IndicatorDefinition ReadFile(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            var definition = Parse(Yaml.Deserialize<Document>(File.ReadAllText(path)) ?? throw new CatalogueException("the file is empty"));
            return Path.GetFileNameWithoutExtension(path) == definition.Id ? definition
                : throw new CatalogueException($"the id '{definition.Id}' differs from the file name");
        }
        catch (YamlException e)
        {
            throw new CatalogueException($"{name}: not valid YAML at line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (CatalogueException e)
        {
            throw new CatalogueException($"{name}: {e.Message}");
        }
    }

    private static IndicatorDefinition Parse(Document d)
    {
        var unit = Choose("unit", d.Unit, Units);
        var numerator = Measure("numerator", d.Numerator) ?? throw Missing("numerator");
        var denominator = Measure("denominator", d.Denominator);
        var needsDenominator = unit is IndicatorUnit.Proportion or IndicatorUnit.RatePer100000 or IndicatorUnit.Mean;
        if (needsDenominator != denominator is not null)
        {
            throw new CatalogueException(needsDenominator ? $"a {d.Unit} needs a denominator" : "a count has no denominator");
        }

        if ((unit == IndicatorUnit.RatePer100000) != (denominator?.Population is not null))
        {
            throw new CatalogueException("a rate per 100,000, and only a rate, takes its denominator from the census population");
        }

        if (numerator.Population is not null)
        {
            throw new CatalogueException("the numerator counts the facts, not the population");
        }

        var breakdowns = d.Breakdowns ?? throw Missing("breakdowns");
        if (breakdowns.FirstOrDefault(b => Breakdown.Find(b) is null) is { } unknown)
        {
            throw new CatalogueException($"unknown breakdown '{unknown}'; the breakdowns are {string.Join(", ", Breakdown.All.Select(b => b.Id))}");
        }

        return new IndicatorDefinition
        {
            Id = Required("id", d.Id),
            Version = d.Version is > 0 and var v ? v : throw new CatalogueException("version must be a whole number from 1"),
            Title = Required("title", d.Title),
            Theme = Required("theme", d.Theme),
            Question = Required("question", d.Question),
            Facts = Required("facts", d.Facts),
            Filter = d.Filter,
            PeriodDate = Required("period-date", d.PeriodDate),
            Numerator = numerator,
            Denominator = denominator,
            Unit = unit,
            UnitLabel = Required("unit-label", d.UnitLabel),
            Polarity = Choose("polarity", d.Polarity, Polarities),
            Target = d.Target is null ? null : new TargetDefinition(
                d.Target.Value ?? throw Missing("target value"), Required("target description", d.Target.Description)),
            Breakdowns = breakdowns,
            Periods = [.. (d.Periods is { Count: > 0 } periods ? periods : throw Missing("periods")).Select(p => Choose("periods", p, Periods))],
            Source = Required("source", d.Source),
            Caveats = d.Caveats ?? [],
            ReferenceGroups = ReferenceGroups(d.ReferenceGroups, breakdowns),
        };
    }

    private static Dictionary<string, string> ReferenceGroups(Dictionary<string, string>? chosen, IReadOnlyList<string> breakdowns) =>
        (chosen ?? []).FirstOrDefault(c => !breakdowns.Contains(c.Key)) is { Key: { } stray }
            ? throw new CatalogueException($"reference-groups names '{stray}', which is not one of the indicator's breakdowns")
            : chosen ?? [];

    private static MeasureDefinition? Measure(string name, MeasureDocument? m) => m is null ? null : new MeasureDefinition
    {
        Description = Required($"{name} description", m.Description),
        Aggregate = m.Aggregate is null == m.Population is null
            ? throw new CatalogueException($"{name} needs either an aggregate or a population, not both")
            : m.Aggregate,
        Filter = m.Filter,
        Population = m.Population,
    };

    private static readonly Dictionary<string, IndicatorUnit> Units = new()
    {
        ["count"] = IndicatorUnit.Count, ["proportion"] = IndicatorUnit.Proportion,
        ["rate-per-100000"] = IndicatorUnit.RatePer100000, ["mean"] = IndicatorUnit.Mean,
    };

    private static readonly Dictionary<string, Polarity> Polarities = new()
    {
        ["higher-is-better"] = Polarity.HigherIsBetter, ["lower-is-better"] = Polarity.LowerIsBetter, ["no-judgement"] = Polarity.NoJudgement,
    };

    private static readonly Dictionary<string, PeriodType> Periods = new()
    {
        ["month"] = PeriodType.Month, ["quarter"] = PeriodType.Quarter,
        ["financial-year"] = PeriodType.FinancialYear, ["rolling-12-months"] = PeriodType.Rolling12Months,
    };

    public static string UnitName(IndicatorUnit unit) => Units.Single(u => u.Value == unit).Key;

    public static string PolarityName(Polarity polarity) => Polarities.Single(p => p.Value == polarity).Key;

    public static string PeriodName(PeriodType period) => Periods.Single(p => p.Value == period).Key;

    private static T Choose<T>(string key, string? value, Dictionary<string, T> choices) =>
        value is not null && choices.TryGetValue(value, out var chosen) ? chosen
            : throw new CatalogueException($"{key} must be one of {string.Join(", ", choices.Keys)}{(value is null ? "" : $", not '{value}'")}");

    private static string Required(string key, string? value) => string.IsNullOrWhiteSpace(value) ? throw Missing(key) : value.Trim();

    private static CatalogueException Missing(string key) => new($"'{key}' is missing");

    // The file's shape, as YAML gives it; checked and turned into an IndicatorDefinition by Parse.
    private sealed class Document
    {
        public string? Id { get; set; }
        public int? Version { get; set; }
        public string? Title { get; set; }
        public string? Theme { get; set; }
        public string? Question { get; set; }
        public string? Facts { get; set; }
        public string? Filter { get; set; }
        public string? PeriodDate { get; set; }
        public MeasureDocument? Numerator { get; set; }
        public MeasureDocument? Denominator { get; set; }
        public string? Unit { get; set; }
        public string? UnitLabel { get; set; }
        public string? Polarity { get; set; }
        public TargetDocument? Target { get; set; }
        public List<string>? Breakdowns { get; set; }
        public List<string>? Periods { get; set; }
        public string? Source { get; set; }
        public List<string>? Caveats { get; set; }
        public Dictionary<string, string>? ReferenceGroups { get; set; }
    }

    private sealed class MeasureDocument
    {
        public string? Description { get; set; }
        public string? Aggregate { get; set; }
        public string? Filter { get; set; }
        public string? Population { get; set; }
    }

    private sealed class TargetDocument
    {
        public double? Value { get; set; }
        public string? Description { get; set; }
    }
}
