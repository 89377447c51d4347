namespace Observatory.Tests.Templates;

/// <summary>
/// Every piece of M the templates hand to Power BI or Excel: expressions.tmdl's expressions, each table partition's
/// source and refresh policy's sourceExpression, each .pq file, and each query inside each .odc.
/// </summary>
public static class TemplateM
{
    /// <summary>The queries and parameters expressions.tmdl defines (ObservatoryUrl, RangeStart, RangeEnd, ...).</summary>
    public static IReadOnlyList<string> DefinedInExpressionsTmdl() =>
        [.. CommittedTemplates.Tmdl().Where(path => Path.GetFileName(path) == "expressions.tmdl")
            .SelectMany(TmdlM.Read).Where(found => found.Kind == "expression").Select(found => found.Object)];

    public static async Task<IReadOnlyList<MExpression>> AllAsync()
    {
        var all = new List<MExpression>();
        foreach (var path in CommittedTemplates.Tmdl())
        {
            all.AddRange(TmdlM.Read(path).Select(found => new MExpression($"{CommittedTemplates.Relative(path)}: {found.Kind} {found.Object}", found.Text)));
        }

        all.AddRange(CommittedTemplates.PowerQuery().Select(path => new MExpression(CommittedTemplates.Relative(path), File.ReadAllText(path))));
        foreach (var path in CommittedTemplates.Odc())
        {
            foreach (var (query, formula) in await QueriesAsync(OdcFile.Read(path)))
            {
                all.Add(new MExpression($"{CommittedTemplates.Relative(path)}: query {query}", formula));
            }
        }

        return all;
    }

    /// <summary>An .odc's queries by name: its Mashup XML's formulas, or the members of its package's section.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> QueriesAsync(OdcFile odc)
    {
        if (odc.Section is null)
        {
            return odc.Formulas;
        }

        var section = await PowerQueryParser.ParseAsync("Section1.m", odc.Section);
        Assert.True(section.Ok, "The package's Section1.m does not parse: " + section.Describe());
        return section.Members ?? new Dictionary<string, string>();
    }
}
