using System.ComponentModel.DataAnnotations;

namespace Observatory.Api.Security;

public enum SecurityMode
{
    /// <summary>Nothing configured: the synthetic warehouse on loopback, anonymous callers acting as Admin.</summary>
    Demo,

    /// <summary>Every request authenticated (Entra ID or an API key); the host may listen on any address.</summary>
    Secured,
}

/// <summary>Configuration section <c>Security</c>; the <c>AzureAd</c> section configures Entra ID itself.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";
    public const string EntraSection = "AzureAd";

    /// <summary>Demo or Secured; when not set, Secured if the AzureAd section names a ClientId, else Demo.</summary>
    public SecurityMode? Mode { get; set; }

    /// <summary>The token claim that limits a signed-in user to one provider or borough (provider:CODE, borough:NAME).</summary>
    [Required]
    public string ScopeClaim { get; set; } = "observatory_scope";

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For, -Proto and -Host are believed; no others are.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Requests each key or signed-in user may make per minute (a token bucket holding as many); 0 for no limit.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Bytes a request body may hold ($batch and POST .../$query are the only bodies the service reads).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The mode in force: the one configured, else Secured when Entra ID is configured.</summary>
    public static SecurityMode Resolve(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<SecurityOptions>()?.Mode
        ?? (string.IsNullOrWhiteSpace(configuration[$"{EntraSection}:ClientId"]) ? SecurityMode.Demo : SecurityMode.Secured);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return new($"Security:KnownProxies lists '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }
    }
}
