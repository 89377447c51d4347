using Bogus;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Definitions;

namespace Observatory.Synthetic.Referrals;

/// <summary>
/// PHQ-9 (0-27) and GAD-7 (0-21) scores consistent with outcomes decided beforehand, checked against the one
/// definition in <see cref="ReferralMeasures"/>: realistic proposals first, then a known-consistent example.
/// </summary>
public static class TalkingTherapiesScores
{
    private const int Attempts = 200;

    public readonly record struct Scores(int FirstPhq9, int FirstGad7, int LastPhq9, int LastGad7);

    public static (int Phq9, int Gad7) First(Randomizer random, bool atCaseness)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var phq = Clip(random.Normal(atCaseness ? 16 : 7, 5), 27);
            var gad = Clip(random.Normal(atCaseness ? 13 : 5, 4), 21);
            if (ReferralMeasures.IsAtCaseness(phq, gad) == atCaseness)
            {
                return (phq, gad);
            }
        }

        return atCaseness ? (16, 12) : (7, 5);
    }

    /// <summary>Last scores for a course that finished with the given recovery and reliable-improvement outcome.</summary>
    public static Scores Finished(Randomizer random, bool atCaseness, bool recovered, bool reliablyImproved)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (phq1, gad1) = First(random, atCaseness);
            var fall = reliablyImproved ? random.Normal(8, 3) : random.Normal(1.5, 2.5);
            var phq2 = Clip(phq1 - fall * random.Double(0.6, 1.2), 27);
            var gad2 = Clip(gad1 - fall * random.Double(0.4, 0.9), 21);
            var outcome = ReferralMeasures.Evaluate(2, true, null, phq1, gad1, phq2, gad2);
            if (outcome.Recovered == (recovered ? 1 : 0) && outcome.ReliablyImproved == (reliablyImproved ? 1 : 0))
            {
                return new Scores(phq1, gad1, phq2, gad2);
            }
        }

        return Example(atCaseness, recovered, reliablyImproved);
    }

    /// <summary>Last scores of a course still running or ended early: no outcome is claimed for them.</summary>
    public static int Progress(Randomizer random, int first, int max, int sessions) =>
        sessions <= 1 ? first : Clip(first - random.Normal(0.8, 1.0) * Math.Min(sessions, 8) * 0.5, max);

    private static Scores Example(bool atCaseness, bool recovered, bool reliablyImproved) =>
        (atCaseness, recovered, reliablyImproved) switch
        {
            (true, true, true) => new(16, 12, 5, 4),
            (true, true, false) => new(11, 7, 8, 6),
            (true, false, true) => new(20, 15, 13, 10),
            (true, false, false) => new(15, 11, 14, 10),
            (false, _, true) => new(9, 6, 2, 3),
            (false, _, false) => new(7, 5, 6, 5),
        };

    private static int Clip(double value, int max) => Math.Clamp((int)Math.Round(value), 0, max);
}
