namespace Observatory.Indicators.Disclosure;

/// <summary>
/// The statistical disclosure control of anything released at the controlled level: the cell-key method (ABS
/// TableBuilder, ONS Census 2021 custom datasets). Every count of people or records gets a small perturbation from
/// the perturbation table (<see cref="PerturbationTable"/>, with these parameters), chosen by the cell key its
/// contributors' record keys make, so the same cell is always published alike however it is asked for; then a
/// published count from 1 to <see cref="SuppressAtMost"/> is withheld, as the domain's rule asks, and every value
/// built on it with it. Configured under <c>Disclosure</c>; the reasoning for the defaults is in docs/disclosure.md.
/// </summary>
public sealed record DisclosureRules
{
    public const string Section = "Disclosure";

    public static readonly DisclosureRules Default = new();

    /// <summary>Largest published count that is withheld (shown as withheld, never as the number).</summary>
    public int SuppressAtMost { get; init; } = 7;

    /// <summary>D: the largest perturbation of a count.</summary>
    public int MaximumDeviation { get; init; } = 4;

    /// <summary>V: the variance of the perturbation (that of rounding to the nearest 5 is 2).</summary>
    public double Variance { get; init; } = 2;

    /// <summary>js: counts from 1 to this many are never published as themselves (they move to 0 or above it).</summary>
    public int Threshold { get; init; } = 3;

    /// <summary>Whether a published count is withheld.</summary>
    public bool Withholds(long published) => published >= 1 && published <= SuppressAtMost;

    /// <summary>The perturbation table these parameters define.</summary>
    public PerturbationTable Table() => new(MaximumDeviation, Variance, Threshold);

    public void Validate()
    {
        if (SuppressAtMost < 0)
        {
            throw new InvalidOperationException($"{Section}: SuppressAtMost must be 0 or more (got {SuppressAtMost}).");
        }

        try
        {
            Table();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidOperationException($"{Section}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
