namespace Observatory.Api.Feed.Rows;

/// <summary>
/// Which indicator values a caller sees: researchers only ever the disclosure-controlled ones. The one seam that
/// decides it per request, from the caller's role (<see cref="Security.RoleDisclosure"/>).
/// </summary>
public interface IDisclosurePolicy
{
    /// <returns>"Controlled" or "Unrestricted", as stored in IndicatorValues.Disclosure.</returns>
    string LevelFor(HttpContext caller);
}
