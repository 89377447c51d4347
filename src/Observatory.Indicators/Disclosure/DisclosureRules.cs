namespace Observatory.Indicators.Disclosure;

/// <summary>
/// The statistical disclosure control rules for anything a researcher sees (OpenSAFELY and NHS Digital practice):
/// counts from 1 to <see cref="SuppressAtMost"/> are suppressed, every other count is rounded to the nearest
/// <see cref="RoundTo"/>, and a value built on a suppressed count is suppressed with it. Configured under
/// <c>Disclosure</c>; these defaults are the ones the domain sets.
/// </summary>
public sealed record DisclosureRules
{
    public const string Section = "Disclosure";

    public static readonly DisclosureRules Default = new();

    /// <summary>Largest count that is suppressed (counts of 1 to this many people).</summary>
    public int SuppressAtMost { get; init; } = 7;

    /// <summary>Base that published counts are rounded to (half away from zero).</summary>
    public int RoundTo { get; init; } = 5;

    public bool IsSmall(long count) => count >= 1 && count <= SuppressAtMost;

    public long Round(long count) => (long)Math.Round(count / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo;

    public void Validate()
    {
        if (SuppressAtMost < 0 || RoundTo < 1)
        {
            throw new InvalidOperationException(
                $"{Section}: SuppressAtMost must be 0 or more and RoundTo 1 or more (got {SuppressAtMost} and {RoundTo}).");
        }
    }
}
