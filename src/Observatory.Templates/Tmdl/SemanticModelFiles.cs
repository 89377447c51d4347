using Observatory.Templates.Dax;
using Observatory.Templates.Model;
using Observatory.Templates.PowerQuery;

namespace Observatory.Templates.Tmdl;

/// <summary>
/// The semantic model as the TMDL folder of a Power BI project (<c>definition/</c>): the database, the model, the
/// parameters, one file per table with its columns, measures, partition and refresh policy, the relationships,
/// and one file per role.
/// </summary>
public static class SemanticModelFiles
{
    // Power BI Desktop's level for models with incremental refresh and TMDL.
    private const int CompatibilityLevel = 1600;

    public static IEnumerable<(string Path, string Text)> Write(TemplateModel model)
    {
        yield return ("database.tmdl", new TmdlText().Object(0, "database", "Observatory").Property(1, "compatibilityLevel", CompatibilityLevel).ToString());
        yield return ("model.tmdl", Model(model));
        yield return ("expressions.tmdl", Expressions());
        yield return ("relationships.tmdl", Relationships(model));
        foreach (var table in model.Tables)
        {
            yield return ($"tables/{table.Name}.tmdl", Table(table, model.Measures.Measures.Where(m => m.Table == table.Name)));
        }

        foreach (var role in model.Roles)
        {
            yield return ($"roles/{role.Name}.tmdl", Role(role));
        }
    }

    private static string Model(TemplateModel model)
    {
        var text = new TmdlText()
            .Description(0, "Observatory: mental health activity in City and Hackney as a star schema, with the indicator catalogue's measures.")
            .Object(0, "model", "Model")
            .Property(1, "culture", "en-GB")
            .Property(1, "defaultPowerBIDataSourceVersion", "powerBI_V3")
            .Flag(1, "discourageImplicitMeasures")
            .Property(1, "sourceQueryCulture", "en-GB")
            .Blank();
        var queries = new[] { FeedQueries.UrlParameter, "RangeStart", "RangeEnd", FeedQueries.DateKeyFunction }.Concat(model.Tables.Select(t => t.Name));
        return text.Annotation(0, "PBI_QueryOrder", "[" + string.Join(",", queries.Select(q => $"\"{q}\"")) + "]").ToString();
    }

    private static string Expressions()
    {
        var text = new TmdlText();
        Parameter(text, FeedQueries.UrlParameter, $"\"{FeedQueries.DefaultUrl}\"", "Text",
            "The service's address: its root, without /odata (e.g. https://observatory.example.nhs.uk).");
        Parameter(text, "RangeStart", "#datetime(2015, 4, 1, 0, 0, 0)", "DateTime",
            "Incremental refresh: the start of the rows a partition holds (the Power BI service sets it per partition; in Desktop it bounds what is imported).");
        Parameter(text, "RangeEnd", "#datetime(2035, 4, 1, 0, 0, 0)", "DateTime", "Incremental refresh: the end (exclusive) of the rows a partition holds.");
        return text
            .Description(0, "The warehouse's date key (yyyymmdd, as in Dates[DateKey]) of a date and time.")
            .Object(0, "expression", FeedQueries.DateKeyFunction,
            [
                "(value as datetime) as number =>",
                "    Date.Year(value) * 10000 + Date.Month(value) * 100 + Date.Day(value)",
            ])
            .Property(1, "lineageTag", Identity.Of("expression/" + FeedQueries.DateKeyFunction))
            .Blank()
            .Annotation(1, "PBI_ResultType", "Function")
            .ToString();
    }

    // A required parameter query of the given type, as Desktop writes one.
    private static void Parameter(TmdlText text, string name, string value, string type, string description) => text
        .Description(0, description)
        .Object(0, "expression", name, $"{value} meta [IsParameterQuery = true, Type = \"{type}\", IsParameterQueryRequired = true]")
        .Property(1, "lineageTag", Identity.Of("expression/" + name))
        .Blank()
        .Annotation(1, "PBI_ResultType", type)
        .Blank();

    private static string Relationships(TemplateModel model)
    {
        var text = new TmdlText();
        foreach (var relationship in model.Relationships)
        {
            text.Object(0, "relationship", relationship.Name);
            if (!relationship.IsActive)
            {
                // A second date of the same facts (role-playing): measures that count by it switch to it with USERELATIONSHIP.
                text.Property(1, "isActive", "false");
            }

            text.Property(1, "fromColumn", $"{TmdlText.Name(relationship.FromTable)}.{TmdlText.Name(relationship.FromColumn)}")
                .Property(1, "toColumn", $"{TmdlText.Name(relationship.ToTable)}.{TmdlText.Name(relationship.ToColumn)}")
                .Blank();
        }

        return text.ToString();
    }

    private static string Table(ModelTable table, IEnumerable<Measure> measures)
    {
        var text = new TmdlText().Description(0, table.Description).Object(0, "table", table.Name);
        if (table.Name == TemplateModel.DatesTable)
        {
            // Marked as the date table, keyed by its Date column, for time intelligence.
            text.Property(1, "dataCategory", "Time");
        }

        text.Property(1, "lineageTag", Identity.Of("table/" + table.Name)).Blank();
        foreach (var measure in measures)
        {
            text.Description(1, measure.Description)
                .Object(1, "measure", measure.Name, measure.Expression)
                .Property(2, "formatString", measure.FormatString)
                .Property(2, "displayFolder", measure.DisplayFolder);
            if (measure.Hidden)
            {
                text.Flag(2, "isHidden");
            }

            text.Property(2, "lineageTag", Identity.Of($"measure/{measure.Table}/{measure.Name}"))
                .Blank()
                .Annotation(2, "ObservatoryIndicator", measure.IndicatorId)
                .Annotation(2, "ObservatoryPart", char.ToLowerInvariant(measure.Part.ToString()[0]) + measure.Part.ToString()[1..])
                .Blank();
        }

        foreach (var column in table.Columns)
        {
            text.Description(1, column.Description)
                .Object(1, "column", column.Name)
                .Property(2, "dataType", column.DataType);
            if (column.Hidden)
            {
                text.Flag(2, "isHidden");
            }

            if (column.IsKey)
            {
                text.Flag(2, "isKey");
            }

            var summed = table.Kind == TableKind.Fact && !column.Hidden && column.DataType is "int64" or "double";
            text.Property(2, "lineageTag", Identity.Of($"column/{table.Name}/{column.Name}"))
                .Property(2, "summarizeBy", summed ? "sum" : "none")
                .Property(2, "sourceColumn", column.Name);
            if (column.SortBy is { } sortBy)
            {
                text.Property(2, "sortByColumn", sortBy);
            }

            text.Blank().Annotation(2, "SummarizationSetBy", "Automatic").Blank();
        }

        var query = FeedQueries.Table(table);
        text.Object(1, "partition", table.Name, "m").Property(2, "mode", "import").Expression(2, "source", query).Blank();
        if (table.RefreshDate is not null)
        {
            // Keeps ten years; refreshes the last two years of months (referrals change until they end), or the last two years.
            var monthly = table.RefreshGranularity == "month";
            text.Object(1, "refreshPolicy")
                .Property(2, "policyType", "basic")
                .Property(2, "mode", "import")
                .Property(2, "rollingWindowGranularity", "year")
                .Property(2, "rollingWindowPeriods", 10)
                .Property(2, "incrementalGranularity", table.RefreshGranularity!)
                .Property(2, "incrementalPeriods", monthly ? 24 : 2)
                .Expression(2, "sourceExpression", query)
                .Blank();
        }

        return text.Annotation(1, "PBI_ResultType", "Table").ToString();
    }

    private static string Role(ModelRole role)
    {
        var text = new TmdlText().Description(0, role.Description).Object(0, "role", role.Name).Property(1, "modelPermission", "read").Blank();
        foreach (var (table, filter) in role.Filters)
        {
            text.Object(1, "tablePermission", table, filter).Blank();
        }

        return text.ToString();
    }
}
