namespace Observatory.Indicators.Disclosure;

/// <summary>Whether a published figure was withheld, and why.</summary>
public enum Suppression
{
    /// <summary>Published (at the controlled level, its counts perturbed by the cell-key method).</summary>
    None,
    /// <summary>A count (the numerator, or the denominator it is built on) published as 1 to 7 after perturbation.</summary>
    SmallCount,
}
