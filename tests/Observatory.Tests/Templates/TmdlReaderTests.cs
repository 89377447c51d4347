namespace Observatory.Tests.Templates;

/// <summary>The TMDL reader on small samples: the tree it builds, and the file and line of what it refuses.</summary>
public class TmdlReaderTests
{
    private static readonly TmdlDocument Sample = TmdlDocument.Parse(TmdlSamples.Model());

    [Fact]
    public void MeasuresKeepTheirDaxWithoutTheIndentationTheirLinesShare()
    {
        var numerator = Sample.Measures.Single(m => m.Name == "Recovery rate numerator");

        Assert.Equal(("tables/Referrals.tmdl", "Referrals"), (numerator.File, numerator.Parent!.Name));
        Assert.StartsWith("CALCULATE (\n\tSUM ( Referrals[Recovered] ),\n", numerator.DefaultValue, StringComparison.Ordinal);
        Assert.EndsWith("\n)", numerator.DefaultValue, StringComparison.Ordinal);
        Assert.Equal("Referrals ending in the period that recovered.", numerator.Description);
        Assert.True(numerator.HasFlag("isHidden"));
        Assert.Equal(("tt-recovery", "numerator"), (numerator.Annotation("ObservatoryIndicator"), numerator.Annotation("ObservatoryPart")));
        // A // comment inside DAX is part of the expression, not TMDL.
        Assert.Contains("// the normal quantile", Sample.Measures.Single(m => m.Name == "Recovery rate lower 95%").DefaultValue, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionsExpressionsAndRelationshipsReadAsObjectsWithProperties()
    {
        var partition = Sample.Table("Services")!.ChildrenOfType("partition").Single();
        var feed = Sample.Expressions.Single();
        var endDate = Sample.Relationships.Single(r => r.Name == "Referrals_EndDate");

        Assert.Equal(("m", "import"), (partition.DefaultValue, partition.Property("mode")));
        Assert.StartsWith("let\n\tSource = OData.Feed(ObservatoryFeed & \"/Services\"", partition.Property("source"), StringComparison.Ordinal);
        Assert.Equal(TmdlPropertyKind.Expression, partition.Properties.Single(p => p.Name == "source").Kind);
        Assert.StartsWith("\"https://localhost/odata\" meta [IsParameterQuery=true", feed.DefaultValue, StringComparison.Ordinal);
        Assert.Equal("Text", feed.Annotation("PBI_ResultType"));
        Assert.Equal(("false", "Referrals.EndDateKey", "Dates.DateKey"), (endDate.Property("isActive"), endDate.Property("fromColumn"), endDate.Property("toColumn")));
        Assert.Equal(["ServiceKey", "Code"], Sample.Table("Services")!.ChildrenOfType("column").Select(c => c.Name!));
    }

    [Fact]
    public void TheModelHoldsFlagsStructuresAndReferencesToItsTables()
    {
        var model = Sample.Roots.Single(r => r.Type == "model");

        Assert.True(model.HasFlag("discourageImplicitMeasures"));
        Assert.Equal(["legacyRedirects", "returnErrorValuesAsNull"], model.ChildrenOfType("dataAccessOptions").Single().Properties.Select(p => p.Name));
        // Power BI writes the order of tables as ref lines at the top level of model.tmdl, after the model.
        Assert.Equal(["Referrals", "Services"], Sample.Roots.Where(c => c.IsReference).Select(c => c.Name!));
        Assert.Equal(("database.tmdl", 1), (Sample.Roots.Single(r => r.Type == "database").File, Sample.Roots.Single(r => r.Type == "database").Line));
        Assert.Equal("1567", Sample.Roots.Single(r => r.Type == "database").Property("compatibilityLevel"));
    }

    [Theory]
    [InlineData("table 'Children''s services'", "Children's services")]
    [InlineData("table Referrals", "Referrals")]
    [InlineData("table 'Age bands (census)'", "Age bands (census)")]
    public void QuotedNamesLoseTheirQuotesAndDoubledQuotesBecomeOne(string declaration, string name) =>
        Assert.Equal(name, TmdlReader.Parse(declaration + "\n", "t.tmdl").Single().Name);

    [Fact]
    public void AFencedExpressionKeepsItsLinesAsWritten()
    {
        var table = TmdlReader.Parse(TmdlSamples.Tabs("table T\n    measure M = ```\n            VAR a = 1\n\n            RETURN a\n        ```\n    column C\n"), "t.tmdl").Single();

        Assert.Equal("VAR a = 1\n\nRETURN a", table.ChildrenOfType("measure").Single().DefaultValue);
        Assert.Equal("C", table.ChildrenOfType("column").Single().Name);
    }

    [Theory]
    [InlineData("table T\n    column C\n    ··dataType: int64\n", 3, "spaces")]
    [InlineData("table T\n    column C\n            dataType: int64\n", 3, "indented 3 tab(s) where 2")]
    [InlineData("table T\n    measure M =\n    column C\n", 2, "'=' with no value")]
    [InlineData("table T\n    /// about\n    isHidden\n", 3, "description")]
    [InlineData("table 'T\n", 1, "closing quote")]
    public void TextThatIsNotTmdlFailsWithItsFileAndLine(string text, int line, string problem)
    {
        var error = Assert.Throws<TmdlFormatException>(() => TmdlReader.Parse(TmdlSamples.Tabs(text), "tables/T.tmdl"));

        Assert.Equal(("tables/T.tmdl", line), (error.File, error.Line));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }
}
