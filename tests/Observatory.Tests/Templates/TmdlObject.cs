namespace Observatory.Tests.Templates;

/// <summary>How a property was written: <c>name: value</c>, a boolean flag alone, or an expression (<c>name = ...</c>).</summary>
public enum TmdlPropertyKind
{
    Value,
    Flag,
    Expression,
}

/// <summary>One property of a TMDL object, with where it was written so that a failure can point at it.</summary>
public sealed record TmdlProperty(string Name, string Value, TmdlPropertyKind Kind, string File, int Line);

/// <summary>
/// One object of a TMDL document (a table, a measure, an annotation...): its declaration <c>type name = default</c>,
/// the <c>///</c> description above it, its properties and the objects nested under it. Names are unquoted
/// (<c>'Age Bands'</c> is <c>Age Bands</c>); expressions have the indentation they share removed.
/// </summary>
public sealed class TmdlObject
{
    public required string Type { get; init; }

    /// <summary>Absent for singletons such as <c>refreshPolicy</c> or <c>formatStringDefinition</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The text after <c>=</c> on the declaration (a measure's DAX, an expression's M, a partition's source type).</summary>
    public string? DefaultValue { get; set; }

    /// <summary>True for a <c>ref table X</c> line: it names an object declared elsewhere (the order of tables in model.tmdl).</summary>
    public bool IsReference { get; init; }

    public string? Description { get; set; }

    public TmdlObject? Parent { get; init; }

    public required string File { get; init; }

    public required int Line { get; init; }

    public List<TmdlProperty> Properties { get; } = [];

    public List<TmdlObject> Children { get; } = [];

    /// <summary>A property by its name as written (camelCase), or null.</summary>
    public string? Property(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    public bool HasFlag(string name) => Properties.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
        && (p.Kind == TmdlPropertyKind.Flag || string.Equals(p.Value, "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The value of the child <c>annotation Name = value</c>, or null.</summary>
    public string? Annotation(string name) =>
        Children.FirstOrDefault(c => c.Type == "annotation" && c.Name == name)?.DefaultValue;

    public IEnumerable<TmdlObject> ChildrenOfType(string type) => Children.Where(c => c.Type == type);

    /// <summary>This object and every object under it, depth first.</summary>
    public IEnumerable<TmdlObject> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);

    /// <summary>Where it was declared, for messages: <c>tables/Referrals.tmdl:12</c>.</summary>
    public string Location => $"{File}:{Line}";

    public override string ToString() => Name is null ? $"{Type} ({Location})" : $"{Type} {Name} ({Location})";
}
