namespace Observatory.Indicators.Disclosure;

/// <summary>The two sets of indicator values each load publishes, as stored in <c>IndicatorValues.Disclosure</c>.</summary>
public static class DisclosureLevel
{
    /// <summary>Passed statistical disclosure control: the only values researchers see.</summary>
    public const string Controlled = "Controlled";

    /// <summary>Exact counts, for the ICS's own analysts and boards.</summary>
    public const string Unrestricted = "Unrestricted";

    public static bool IsKnown(string? level) => level is Controlled or Unrestricted;
}
