using Microsoft.Extensions.Options;
using Observatory.Access.Roles;
using Observatory.Api.Feed.Rows;
using Observatory.Indicators.Disclosure;

namespace Observatory.Api.Security;

/// <summary>Configuration section <c>Disclosure</c>: the level boards see, and the level of the demo's anonymous caller.</summary>
public sealed class DisclosureOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Disclosure";

    /// <summary>What the Board role sees: Controlled unless the deployment decides otherwise.</summary>
    public string Board { get; set; } = DisclosureLevel.Controlled;

    /// <summary>What an anonymous caller of the demo sees (it acts as Admin): Unrestricted unless set.</summary>
    public string Demo { get; set; } = DisclosureLevel.Unrestricted;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        foreach (var (name, level) in new[] { (nameof(Board), Board), (nameof(Demo), Demo) }.Where(s => !DisclosureLevel.IsKnown(s.Item2)))
        {
            yield return new($"Disclosure:{name} must be {DisclosureLevel.Controlled} or {DisclosureLevel.Unrestricted}, not '{level}'.", [name]);
        }
    }
}

/// <summary>
/// Indicator values at the caller's role: Admin and Analyst unrestricted, Researcher controlled, Board (and an
/// Embedder, whose tokens default to it) at the configured level, the demo's anonymous caller at its configured level;
/// an embedded dashboard at the level its token grants (<see cref="Embedding.EmbedGrant"/>).
/// </summary>
public sealed class RoleDisclosure(IOptions<DisclosureOptions> options) : IDisclosurePolicy
{
    public string LevelFor(HttpContext caller) => Caller.Of(caller) switch
    {
        null => DisclosureLevel.Controlled,
        { Embed: { } grant } => grant.DisclosureLevel,
        { IsDemo: true } => options.Value.Demo,
        { Role: Role.Admin or Role.Analyst } => DisclosureLevel.Unrestricted,
        { Role: Role.Board or Role.Embedder } => options.Value.Board,
        _ => DisclosureLevel.Controlled,
    };
}
