using Observatory.Warehouse.Definitions;

namespace Observatory.Tests.Warehouse;

/// <summary>Worked cases of the NHS Talking Therapies definitions (domain.md, NHS Digital IAPT KPIs).</summary>
public class ReferralMeasuresTests
{
    [Fact]
    public void AFinishedCourseFromCasenessToBelowItIsRecoveredAndReliablyImproved()
    {
        var outcome = ReferralMeasures.Evaluate(6, ended: true, "46", firstPhq9: 16, firstGad7: 12, lastPhq9: 5, lastGad7: 4);

        Assert.Equal(new ReferralOutcome(1, 1, 0, 1, 1, 1, 1, 1), outcome);
    }

    [Fact]
    public void RecoveryNeedsBothMeasuresBelowCaseness()
    {
        // GAD-7 of 8 is still at caseness.
        var outcome = ReferralMeasures.Evaluate(6, true, "46", 18, 14, 4, 8);

        Assert.Equal(0, outcome.Recovered);
        Assert.Equal(1, outcome.ReliablyImproved);
        Assert.Equal(0, outcome.ReliablyRecovered);
    }

    [Fact]
    public void AReferralNotAtCasenessAtTheStartCountsInNeitherSideOfTheRecoveryRate()
    {
        var outcome = ReferralMeasures.Evaluate(5, true, "46", 9, 7, 2, 2);

        Assert.Equal(0, outcome.AtCaseness);
        Assert.Equal(0, outcome.FinishedAtCaseness);
        Assert.Equal(0, outcome.Recovered);
        Assert.Equal(1, outcome.FinishedTreatment);
        Assert.Equal(1, outcome.ReliablyImproved);
    }

    [Theory]
    [InlineData(15, 10, 9, 10, 1)]   // PHQ-9 falls by 6: reliable improvement
    [InlineData(15, 10, 10, 10, 0)]  // falls by 5: not reliable
    [InlineData(15, 10, 15, 6, 1)]   // GAD-7 falls by 4
    [InlineData(15, 10, 8, 14, 0)]   // PHQ-9 improves but GAD-7 rises reliably
    public void ReliableImprovementNeedsAReliableFallAndNoReliableRise(int phq1, int gad1, int phq2, int gad2, int expected) =>
        Assert.Equal(expected, ReferralMeasures.Evaluate(4, true, "46", phq1, gad1, phq2, gad2).ReliablyImproved);

    [Fact]
    public void OneTreatmentSessionIsEnteredButNotAFinishedCourse()
    {
        var outcome = ReferralMeasures.Evaluate(1, true, "47", 20, 15, 20, 15);

        Assert.Equal(1, outcome.EnteredTreatment);
        Assert.Equal(0, outcome.FinishedTreatment);
        Assert.Equal(1, outcome.DroppedOut);
        Assert.Equal(0, outcome.Recovered);
    }

    [Fact]
    public void ADropOutAfterTwoSessionsStillFinishedACourse()
    {
        var outcome = ReferralMeasures.Evaluate(3, true, "47", 20, 15, 9, 6);

        Assert.Equal(1, outcome.FinishedTreatment);
        Assert.Equal(1, outcome.DroppedOut);
        Assert.Equal(1, outcome.Recovered);
    }

    [Fact]
    public void AnOpenReferralHasNoOutcomeYet()
    {
        var outcome = ReferralMeasures.Evaluate(8, ended: false, null, 20, 15, 5, 4);

        Assert.Equal(new ReferralOutcome(1, 0, 0, 1, 0, 0, 0, 0), outcome);
    }

    [Fact]
    public void DeclinedBeforeTreatmentIsNotADropOut() =>
        Assert.Equal(0, ReferralMeasures.Evaluate(0, true, "14", null, null, null, null).DroppedOut);
}
