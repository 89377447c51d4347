namespace Observatory.Warehouse.Definitions;

/// <summary>
/// The one place the referral outcome flags are defined (NHS England / NHS Digital NHS Talking Therapies
/// (IAPT) dataset key performance indicators). Every loader derives the stored flags from these rules, so
/// the indicators summed from the warehouse always mean what the national definitions say.
/// </summary>
public static class ReferralMeasures
{
    /// <summary>Clinical caseness thresholds: PHQ-9 of 10 or more, or GAD-7 of 8 or more.</summary>
    public const int Phq9Caseness = 10;
    public const int Gad7Caseness = 8;

    /// <summary>Reliable change: PHQ-9 by 6 or more points, GAD-7 by 4 or more.</summary>
    public const int Phq9ReliableChange = 6;
    public const int Gad7ReliableChange = 4;

    /// <summary>'Finished a course of treatment': ended having attended at least two treatment sessions.</summary>
    public const int SessionsForFinishedCourse = 2;

    /// <summary>Ending code 47, treatment ended earlier than the clinician planned: the usual 'drop-out'.</summary>
    public const string DropOutEndingCode = "47";

    public static bool IsAtCaseness(int phq9, int gad7) => phq9 >= Phq9Caseness || gad7 >= Gad7Caseness;

    /// <param name="treatmentSessions">Treatment sessions attended.</param>
    /// <param name="ended">Whether the referral has ended (it has an end date).</param>
    /// <param name="endingCode">The ending code, when ended.</param>
    /// <param name="firstPhq9">First PHQ-9, when measured.</param>
    /// <param name="firstGad7">First GAD-7, when measured.</param>
    /// <param name="lastPhq9">Last PHQ-9, when measured.</param>
    /// <param name="lastGad7">Last GAD-7, when measured.</param>
    public static ReferralOutcome Evaluate(
        int treatmentSessions, bool ended, string? endingCode,
        int? firstPhq9, int? firstGad7, int? lastPhq9, int? lastGad7)
    {
        // Entered treatment: attended a first treatment session.
        var entered = treatmentSessions >= 1;
        // Finished a course: the referral ended having attended at least two treatment sessions.
        var finished = ended && treatmentSessions >= SessionsForFinishedCourse;
        // Drop-out: entered treatment and ended earlier than the clinician planned.
        var droppedOut = entered && ended && endingCode == DropOutEndingCode;

        var measured = firstPhq9 is not null && firstGad7 is not null;
        var atCaseness = measured && IsAtCaseness(firstPhq9!.Value, firstGad7!.Value);

        var recovered = false;
        var reliablyImproved = false;
        if (finished && measured && lastPhq9 is not null && lastGad7 is not null)
        {
            // Recovery: at caseness at the start and not at caseness at the last measurement.
            recovered = atCaseness && !IsAtCaseness(lastPhq9.Value, lastGad7.Value);

            // Reliable improvement: a reliable fall on either measure and a reliable rise on neither.
            var phqFall = firstPhq9!.Value - lastPhq9.Value;
            var gadFall = firstGad7!.Value - lastGad7.Value;
            var improved = phqFall >= Phq9ReliableChange || gadFall >= Gad7ReliableChange;
            var deteriorated = -phqFall >= Phq9ReliableChange || -gadFall >= Gad7ReliableChange;
            reliablyImproved = improved && !deteriorated;
        }

        return new ReferralOutcome(
            EnteredTreatment: Flag(entered),
            FinishedTreatment: Flag(finished),
            DroppedOut: Flag(droppedOut),
            AtCaseness: Flag(atCaseness),
            // Recovery-rate denominator: finished a course minus those not at caseness at the start.
            FinishedAtCaseness: Flag(finished && atCaseness),
            Recovered: Flag(recovered),
            ReliablyImproved: Flag(reliablyImproved),
            ReliablyRecovered: Flag(recovered && reliablyImproved));
    }

    private static int Flag(bool value) => value ? 1 : 0;
}
