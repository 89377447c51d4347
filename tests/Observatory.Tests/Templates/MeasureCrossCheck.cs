using System.Globalization;
using System.Text.Json;
using Observatory.Indicators.Catalogue;
using Observatory.Query.Model;

namespace Observatory.Tests.Templates;

/// <summary>
/// Whether an indicator's Power BI measures give the figures the feed publishes for it: its numerator and
/// denominator measures read back into OData queries and run on the feed, its value and interval measures evaluated
/// on those numbers, each held against the stored overall value of one financial year (relative tolerance 1e-9).
/// </summary>
public sealed class MeasureCrossCheck(TmdlDocument model, HttpClient feed)
{
    public const string IndicatorAnnotation = "ObservatoryIndicator";
    public const string PartAnnotation = "ObservatoryPart";
    private const double Tolerance = 1e-9;

    private static readonly string[] Parts = ["numerator", "denominator", "value", "lower95", "upper95", "sumOfSquares"];
    private static readonly string[] AlwaysRequired = ["numerator", "value", "lower95", "upper95"];

    private readonly MeasureTranslator _translator = new(model, WarehouseEdm.Instance);

    /// <summary>How many measures have been held against a published figure so far (so that a pass is not vacuous).</summary>
    public int Compared { get; private set; }

    /// <returns>Each disagreement or missing piece, one line each; empty when the measures reproduce the published value.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(IndicatorDefinition indicator, CancellationToken cancel)
    {
        var measures = model.Measures.Where(m => m.Annotation(IndicatorAnnotation) == indicator.Id).ToList();
        var problems = measures.Where(m => !Parts.Contains(m.Annotation(PartAnnotation))).Select(m => $"{m.Name}: part '{m.Annotation(PartAnnotation)}' is not one of {string.Join(", ", Parts)}")
            .Concat(measures.GroupBy(m => m.Annotation(PartAnnotation)).Where(g => g.Count() > 1).Select(g => $"{g.Count()} measures are its {g.Key}"))
            .Concat(Required(indicator).Where(p => measures.All(m => m.Annotation(PartAnnotation) != p)).Select(p => $"no {p} measure"))
            .Select(p => $"{indicator.Id}: {p}").ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        if (await StoredIndicatorValue.ReadAsync(feed, indicator.Id, cancel) is not { } stored)
        {
            return [$"{indicator.Id}: IndicatorValues holds no overall financial-year value to check against"];
        }

        var counted = new Dictionary<string, (double? Value, string Query)>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var measure in Referenced(measures))
            {
                var query = _translator.Translate(measure.DefaultValue!, stored.PeriodStartKey, stored.PeriodEndKey);
                counted[measure.Name!] = (await CountAsync(query, cancel), query);
            }
        }
        catch (Exception e) when (e is MeasureTranslationException or FormatException)
        {
            return [$"{indicator.Id}: a measure cannot be read back into a feed query: {e.Message}"];
        }

        DaxEvaluator evaluator = null!;
        evaluator = new DaxEvaluator(name => counted.TryGetValue(name, out var c) ? c.Value : Evaluate(name));
        double? Evaluate(string name) => evaluator.Evaluate(model.Measures.Single(m => MeasureTranslator.Same(m.Name, name)).DefaultValue!);
        var expected = new Dictionary<string, double?>
        {
            ["numerator"] = stored.Numerator, ["denominator"] = stored.Denominator, ["value"] = stored.Value, ["lower95"] = stored.Lower95, ["upper95"] = stored.Upper95,
        };
        foreach (var measure in measures.Where(m => expected.ContainsKey(m.Annotation(PartAnnotation)!)))
        {
            var part = measure.Annotation(PartAnnotation)!;
            double? actual;
            try
            {
                actual = counted.TryGetValue(measure.Name!, out var c) ? c.Value : Evaluate(measure.Name!);
            }
            catch (Exception e) when (e is DaxEvaluationException or FormatException)
            {
                problems.Add($"{indicator.Id} {part} [{measure.Name}]: {e.Message}");
                continue;
            }

            Compared++;
            if (!Agree(actual, expected[part]))
            {
                var query = counted.TryGetValue(measure.Name!, out var c2) ? $"; the feed was asked {c2.Query}" : "";
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{indicator.Id} {part} [{measure.Name}]: the measure gives {actual:R}, IndicatorValues holds {expected[part]:R} for {stored.Period}{query}"));
            }
        }

        return problems;
    }

    private static IEnumerable<string> Required(IndicatorDefinition indicator) =>
        AlwaysRequired
            .Concat(indicator.Denominator is null ? [] : ["denominator"])
            .Concat(indicator.Unit == IndicatorUnit.Mean ? ["sumOfSquares"] : []);

    /// <summary>The CALCULATE measures the given ones rest on, followed through the measures they name.</summary>
    private IEnumerable<TmdlObject> Referenced(IEnumerable<TmdlObject> roots)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<TmdlObject>(roots);
        while (pending.TryDequeue(out var measure))
        {
            if (!seen.Add(measure.Name!))
            {
                continue;
            }

            var expression = DaxParser.Parse(measure.DefaultValue ?? "");
            if (expression is DaxCall { Function: "CALCULATE" })
            {
                yield return measure;
                continue;
            }

            foreach (var name in expression.DescendantsAndSelf().OfType<DaxColumn>().Where(c => c.Table is null).Select(c => c.Name))
            {
                pending.Enqueue(model.Measures.SingleOrDefault(m => MeasureTranslator.Same(m.Name, name))
                    ?? throw new MeasureTranslationException($"[{name}] in [{measure.Name}] is not a measure"));
            }
        }
    }

    private async Task<double?> CountAsync(string query, CancellationToken cancel)
    {
        using var response = await feed.GetAsync(new Uri(query, UriKind.Relative), cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new MeasureTranslationException($"the feed refused {query}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var v = json.RootElement.GetProperty("value").EnumerateArray().Single().GetProperty("v");
        return v.ValueKind == JsonValueKind.Null ? null : v.GetDouble();
    }

    private static bool Agree(double? actual, double? expected) =>
        (actual, expected) switch
        {
            (null, null) => true,
            ({ } a, { } e) => Math.Abs(a - e) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(e)),
            _ => false,
        };
}
