using Observatory.Indicators.Statistics;
using Observatory.Query.Model;

namespace Observatory.Tests.Templates;

/// <summary>The measure translator and evaluator on the sample model: the queries they read DAX into, and DAX's blanks.</summary>
public class MeasureTranslatorTests
{
    private static readonly TmdlDocument Sample = TmdlDocument.Parse(TmdlSamples.Model());
    private static readonly MeasureTranslator Translator = new(Sample, WarehouseEdm.Instance);

    private static string Translate(string dax) => Translator.Translate(dax, 20220401, 20230331);

    [Fact]
    public void TheDateRoleTheMeasureActivatesCarriesTheYearAndDimensionsBecomeNavigations() => Assert.Equal(
        "Referrals?$apply=filter((EndDateKey ge 20220401 and EndDateKey le 20230331) and (Service/Code eq 'TT') and (EndDateKey ne null))/aggregate(Recovered with sum as v)",
        Translate(Sample.Measures.Single(m => m.Name == "Recovery rate numerator").DefaultValue!));

    [Fact]
    public void WithoutUserelationshipTheActiveDateRoleCarriesTheYear() => Assert.Equal(
        "Referrals?$apply=filter((ReferralDateKey ge 20220401 and ReferralDateKey le 20230331))/aggregate($count as v)",
        Translate("CALCULATE ( COUNTROWS ( Referrals ) )"));

    [Fact]
    public void TheCensusHasNoDateSoTheYearDoesNotReachIt() => Assert.Equal(
        "Population?$apply=filter((AgeBand/IsChild eq true))/aggregate(Residents with sum as v)",
        Translate("CALCULATE ( SUM ( Population[Residents] ), KEEPFILTERS ( AgeBands[IsChild] = TRUE () ) )"));

    /// <summary>DAX compares a blank as 0: an unguarded comparison keeps the rows without a value; NOT ISBLANK drops them.</summary>
    [Theory]
    [InlineData("Referrals[WaitToTreatmentDays] <= 42", "(WaitToTreatmentDays le 42 or WaitToTreatmentDays eq null)")]
    [InlineData("Referrals[WaitToTreatmentDays] > 42", "(WaitToTreatmentDays gt 42)")]
    [InlineData("NOT ISBLANK ( Referrals[WaitToTreatmentDays] ) && Referrals[WaitToTreatmentDays] <= 42",
        "((WaitToTreatmentDays ne null) and (WaitToTreatmentDays le 42 or WaitToTreatmentDays eq null))")]
    [InlineData("Services[Code] <> \"TT\"", "(Service/Code ne 'TT')")]
    [InlineData("ISBLANK ( Referrals[EndDateKey] )", "(EndDateKey eq null)")]
    public void ConditionsKeepDaxsMeaningOfBlank(string condition, string filter) => Assert.EndsWith(
        $"and {filter})/aggregate($count as v)",
        Translate($"CALCULATE ( COUNTROWS ( Referrals ), KEEPFILTERS ( {condition} ) )"), StringComparison.Ordinal);

    [Fact]
    public void ASumOfSquaresIsComputedBeforeItIsSummed() => Assert.EndsWith(
        "/compute(WaitToTreatmentDays mul WaitToTreatmentDays as square)/aggregate(square with sum as v)",
        Translate("CALCULATE ( SUMX ( Referrals, Referrals[WaitToTreatmentDays] * Referrals[WaitToTreatmentDays] ) )"), StringComparison.Ordinal);

    [Theory]
    [InlineData("CALCULATE ( COUNTROWS ( Referrals ), KEEPFILTERS ( AgeBands[MinAge] >= 16 ) )", "no active relationship from Referrals to AgeBands")]
    [InlineData("CALCULATE ( COUNTROWS ( Referrals ), USERELATIONSHIP ( Referrals[AgeBandKey], Dates[DateKey] ) )", "which no relationship joins")]
    [InlineData("CALCULATE ( COUNTROWS ( Referrals ), Services[Code] = \"TT\" )", "is not USERELATIONSHIP")]
    [InlineData("SUM ( Referrals[Recovered] )", "not CALCULATE")]
    [InlineData("CALCULATE ( SUM ( Referrals[SessionsAttended] ) )", "the model's table Referrals has no column SessionsAttended")]
    public void AMeasureItCannotReadFailsWithTheReason(string dax, string reason) =>
        Assert.Contains(reason, Assert.Throws<MeasureTranslationException>(() => Translate(dax)).Message, StringComparison.Ordinal);

    [Fact]
    public void TheEvaluatorGivesDaxsStatisticalFunctionsAndBlanks()
    {
        var evaluator = new DaxEvaluator(name => name == "Nothing" ? null : 5);

        // Exact Poisson limits (CHISQ.INV is left-tailed) and the t quantile (T.INV.2T is two-tailed), as the indicators compute them.
        Assert.Equal(Counts.Exact(5, ConfidenceLevel.NinetyFive).Lower, evaluator.Evaluate("CHISQ.INV ( 0.025, 2 * [Five] ) / 2")!.Value, 12);
        // (MathNet's inverse t, which the published intervals use too, is good to about 1e-11.)
        Assert.Equal(2.2281388519649385, evaluator.Evaluate("T.INV.2T ( 0.05, 10.7 )")!.Value, 9);
        Assert.Null(evaluator.Evaluate("IF ( [Nothing] > 0, 1 )"));
        Assert.Equal(0, evaluator.Evaluate("[Nothing] + 0"));
        Assert.Null(evaluator.Evaluate("DIVIDE ( [Five], [Nothing] )"));
        // A variable is evaluated only when used, so a guarded one never fails.
        Assert.Null(evaluator.Evaluate("VAR bad = CHISQ.INV ( 0.025, 0 ) RETURN IF ( FALSE (), bad )"));
        Assert.Throws<DaxEvaluationException>(() => evaluator.Evaluate("CHISQ.INV ( 0.025, 0 )"));
    }
}
