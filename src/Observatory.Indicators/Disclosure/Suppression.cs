namespace Observatory.Indicators.Disclosure;

/// <summary>Whether a published figure was withheld, and why.</summary>
public enum Suppression
{
    /// <summary>Published (a count rounded to the nearest 5 under the researcher's rules).</summary>
    None,
    /// <summary>A count of 1 to 7 people.</summary>
    SmallCount,
    /// <summary>Withheld so that a small count cannot be worked out from its siblings and their total.</summary>
    Secondary,
    /// <summary>A rate, proportion or mean built on a withheld count.</summary>
    BuiltOnSuppressed,
}
