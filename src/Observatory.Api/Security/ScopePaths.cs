namespace Observatory.Api.Security;

/// <summary>
/// Where each set records what a scope limits: the borough of the residents a row is about, and the service (so the
/// provider) that recorded it. The row scopes narrow by these paths (<see cref="ScopedRows"/>), and a condition naming
/// another borough or provider through them is refused (<see cref="OutsideScope"/>): one table, so the two cannot drift.
/// </summary>
public static class ScopePaths
{
    /// <summary>The provider's code, reached from a set that records its service.</summary>
    public const string ProviderCode = "Service/Provider/Code";

    /// <summary>The path to a row's borough; null for a set that records none (the catalogue, the dimensions).</summary>
    public static string? Borough(string set) => set switch
    {
        "Referrals" or "HealthChecks" or "Population" => "Area/Borough",
        // Appointments record the person only through their referral; programme outcomes their area likewise.
        "Appointments" or "ProgrammeOutcomes" => "Referral/Area/Borough",
        // The summaries keep the borough's name, not the area.
        "MonthlyReferrals" or "MonthlyOutcomes" or "YearlyHealthChecks" => "Borough",
        // The borough's own values; the ICS's are under 'City and Hackney'.
        "IndicatorValues" => "Area",
        _ => null,
    };

    /// <summary>Whether a set's rows name the service that recorded them (<c>Service</c>, and through it the provider).</summary>
    public static bool RecordsService(string set) =>
        set is "Referrals" or "Appointments" or "ProgrammeOutcomes" or "MonthlyReferrals" or "MonthlyOutcomes";
}
