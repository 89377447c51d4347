namespace Observatory.Access.Roles;

public enum ScopeKind
{
    /// <summary>Rows of the services one provider runs.</summary>
    Provider,

    /// <summary>Rows about residents of one borough.</summary>
    Borough,
}

/// <summary>
/// The rows a caller is limited to, written <c>provider:CODE</c> (an ODS or organisation code, e.g. <c>provider:RWK</c>)
/// or <c>borough:NAME</c> (e.g. <c>borough:Hackney</c>). No scope means every row the role may read.
/// </summary>
public sealed record AccessScope(ScopeKind Kind, string Value)
{
    public static AccessScope? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var split = text.IndexOf(':', StringComparison.Ordinal);
        var kind = split < 0 ? "" : text[..split].Trim();
        var value = split < 0 ? "" : text[(split + 1)..].Trim();
        if (!Enum.TryParse<ScopeKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !kind.All(char.IsAsciiLetter))
        {
            throw new AccessException($"Unknown scope '{text}': write provider:CODE (e.g. provider:RWK) or borough:NAME (e.g. borough:Hackney).");
        }

        // Values end up inside an OData string literal and in SQL through it: letters, digits, spaces and - . ' & only.
        if (value.Length is 0 or > 100 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.' or '\'' or '&'))
        {
            throw new AccessException($"The scope '{text}' needs a {kind.ToLowerInvariant()} after the colon, in letters, digits, spaces and - . ' & only.");
        }

        return new AccessScope(parsed, value);
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}
