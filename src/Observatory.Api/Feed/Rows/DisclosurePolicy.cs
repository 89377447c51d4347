using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
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

/// <summary>Configuration section <c>Disclosure</c>.</summary>
public sealed class DisclosureOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Disclosure";

    public string Level { get; set; } = DisclosureLevel.Controlled;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!DisclosureLevel.IsKnown(Level))
        {
            yield return new($"Disclosure:Level must be {DisclosureLevel.Controlled} or {DisclosureLevel.Unrestricted}, not '{Level}'.", [nameof(Level)]);
        }
    }
}

public sealed class ConfiguredDisclosure(IOptions<DisclosureOptions> options) : IDisclosurePolicy
{
    public string LevelFor(HttpContext caller) => options.Value.Level;
}

/// <summary>
/// The policy before sign-in exists (the host listens on loopback only): every row of every set, except that
/// indicator values are those of the caller's disclosure level.
/// </summary>
public sealed class CallerRows(IDisclosurePolicy disclosure) : IRowPolicy
{
    public string? ConditionFor(HttpContext caller, IEdmEntitySet entitySet) =>
        entitySet.Name == nameof(Observatory.Warehouse.Infrastructure.WarehouseContext.IndicatorValues) ? $"Disclosure eq '{disclosure.LevelFor(caller)}'" : null;
}
