using Observatory.Indicators.Disclosure;

namespace Observatory.Api.Feed.Rows;

/// <summary>
/// Which indicator values a caller sees: researchers only ever the disclosure-controlled ones. The one seam that
/// decides it per request; until roles exist it reads configuration (<c>Disclosure:Level</c>: Controlled, the
/// default, or Unrestricted), and tests set it directly.
/// </summary>
public interface IDisclosurePolicy
{
    /// <returns>"Controlled" or "Unrestricted", as stored in IndicatorValues.Disclosure.</returns>
    string LevelFor(HttpContext caller);
}

public sealed class ConfiguredDisclosure : IDisclosurePolicy
{
    private readonly string _level;

    public ConfiguredDisclosure(IConfiguration configuration)
    {
        var level = configuration["Disclosure:Level"] ?? DisclosureLevel.Controlled;
        _level = DisclosureLevel.IsKnown(level) ? level
            : throw new Startup.StartupException($"Disclosure:Level must be {DisclosureLevel.Controlled} or {DisclosureLevel.Unrestricted}, not '{level}'.");
    }

    public string LevelFor(HttpContext caller) => _level;
}
