namespace Observatory.Tests.Templates;

/// <summary>The DAX tokenizer, parser and reference checker; then every DAX expression of the committed model.</summary>
public class DaxReferenceTests
{
    [Fact]
    public void EveryDaxExpressionOfTheCommittedModelNamesOnlyWhatTheModelHas()
    {
        var document = TmdlDocument.Load(TmdlDocument.CommittedFolder);

        var problems = new DaxReferenceChecker(document).CheckModel().ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(40)));
        Assert.True(document.Measures.Count() > 100, $"{document.Measures.Count()} measures");
    }

    [Fact]
    public void TheTokenizerReadsEscapesNumbersOperatorsAndSkipsComments()
    {
        var tokens = DaxTokenizer.Tokenize("VAR a = 'Age ''Bands'''[Min]]Age] // first\n/* block */ RETURN \"say \"\"hi\"\"\" & 1.5E-3 <= .5 -- done");

        Assert.Equal(
            [(DaxTokenKind.Keyword, "VAR"), (DaxTokenKind.Name, "a"), (DaxTokenKind.Operator, "="), (DaxTokenKind.QuotedName, "Age 'Bands'"),
             (DaxTokenKind.Bracketed, "Min]Age"), (DaxTokenKind.Keyword, "RETURN"), (DaxTokenKind.String, "say \"hi\""), (DaxTokenKind.Operator, "&"),
             (DaxTokenKind.Number, "1.5E-3"), (DaxTokenKind.Operator, "<="), (DaxTokenKind.Number, ".5"), (DaxTokenKind.End, "")],
            tokens.Select(t => (t.Kind, t.Text)));
    }

    [Fact]
    public void TheParserFollowsDaxPrecedence()
    {
        var e = DaxParser.Parse("NOT ISBLANK ( T[a] ) && T[a] <= 1 + 2 * 3 ^ 2 || -x");

        var or = Assert.IsType<DaxBinary>(e);
        var and = Assert.IsType<DaxBinary>(or.Left);
        Assert.Equal(("||", "&&"), (or.Operator, and.Operator));
        var not = Assert.IsType<DaxUnary>(and.Left);
        Assert.Equal(("NOT", "ISBLANK", new DaxColumn("T", "a")), (not.Operator, ((DaxCall)not.Operand).Function, ((DaxCall)not.Operand).Arguments.Single()));
        var sum = Assert.IsType<DaxBinary>(Assert.IsType<DaxBinary>(and.Right).Right);
        Assert.Equal(("+", "*", "^"), (sum.Operator, ((DaxBinary)sum.Right).Operator, ((DaxBinary)((DaxBinary)sum.Right).Right).Operator));
        Assert.Equal(new DaxUnary("-", new DaxTable("x")), or.Right);
    }

    [Fact]
    public void TheSampleModelResolves() =>
        Assert.Empty(new DaxReferenceChecker(TmdlDocument.Parse(TmdlSamples.Model())).CheckModel());

    [Theory]
    [InlineData("COUNTROWS ( Referral )", "no table Referral")]
    [InlineData("SUM ( Referrals[Recoverd] )", "no column or measure Referrals[Recoverd]")]
    [InlineData("SUM ( 'Age Bands'[IsChild] )", "no table Age Bands")]
    [InlineData("[Recovery rate] + [Recovered]", "[Recovered] is not a measure of the model")]
    [InlineData("SUMM ( Referrals[Recovered] )", "SUMM is not one of the DAX functions the templates use")]
    [InlineData("VAR x = 1 RETURN x + y", "no table y")]
    [InlineData("CALCULATE ( SUM ( Referrals[Recovered] ), ", "not DAX: unexpected ''")]
    public void ANameThatDoesNotResolveIsReported(string dax, string problem)
    {
        var checker = new DaxReferenceChecker(TmdlDocument.Parse(TmdlSamples.Model()));

        Assert.Equal(problem, Assert.Single(checker.Check(dax, rowTable: null)).Split(" at ")[0]);
    }

    [Fact]
    public void ARoleFilterMayNameColumnsOfItsTableBare()
    {
        var checker = new DaxReferenceChecker(TmdlDocument.Parse(TmdlSamples.Model()));

        Assert.Empty(checker.Check("[Code] IN { \"TT\", \"CAMHS\" } || 'Services'[Code] = \"GM\"", "Services"));
        Assert.Equal(["[Code] is neither a measure nor a column of Dates"], checker.Check("[Code] = \"TT\"", "Dates"));
    }
}
