namespace Observatory.Access.Roles;

/// <summary>
/// What a caller is allowed to read, from least to most. Entra ID app roles carry them as <c>Observatory.Analyst</c>
/// and so on; API keys as the bare name (the service store keeps the name, never the number, so members may be added
/// anywhere). A caller holding several roles acts as the highest.
/// </summary>
public enum Role
{
    /// <summary>
    /// An embedding application's server: mints embed tokens for one dashboard (POST /embed/tokens) and reads nothing
    /// itself. Lowest, so that a caller holding it beside any reading role acts as the reading role.
    /// </summary>
    Embedder,

    /// <summary>Indicators, their disclosure-controlled values and the dimensions: never a fact row or a summary cell.</summary>
    Researcher,

    /// <summary>Indicators, reports and dashboards, at the deployment's board disclosure level (controlled by default).</summary>
    Board,

    /// <summary>Pseudonymous fact rows, dimensions, summary sets, indicators and reports, within the caller's scope.</summary>
    Analyst,

    /// <summary>Everything, and the keys and the audit trail.</summary>
    Admin,
}

public static class Roles
{
    /// <summary>The prefix of the Entra ID app roles' values (<c>Observatory.Analyst</c>).</summary>
    public const string AppRolePrefix = "Observatory.";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The value of the role's app role in the Entra ID app registration.</summary>
    public static string AppRole(this Role role) => AppRolePrefix + role;

    /// <summary>Reads "Analyst" or "Observatory.Analyst" (any case).</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        var name = text?.Trim() ?? "";
        if (name.StartsWith(AppRolePrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[AppRolePrefix.Length..];
        }

        return name.Length > 0 && name.All(char.IsAsciiLetter) && Enum.TryParse(name, ignoreCase: true, out role);
    }

    public static Role Parse(string? text) => TryParse(text, out var role)
        ? role
        : throw new AccessException($"Unknown role '{text}': use {string.Join(", ", All)}.");

    /// <summary>The highest of the roles a caller holds, or null when none is an Observatory role.</summary>
    public static Role? Highest(IEnumerable<string> claimed)
    {
        Role? highest = null;
        foreach (var value in claimed)
        {
            if (TryParse(value, out var role) && (highest is null || role > highest))
            {
                highest = role;
            }
        }

        return highest;
    }
}
