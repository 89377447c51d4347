using System.Globalization;

namespace Observatory.Tests.Templates;

/// <summary>
/// Holds a TMDL definition folder against Microsoft's catalogue: every object type known and standing where its
/// parent may hold it, named when it must be, every property one its type has (camelCase), every enum value one of its
/// enum's, every boolean and integer well formed; then the references between objects (<see cref="TmdlReferences"/>).
/// Problems come back as <c>file:line: what</c>, the way Power BI Desktop reports a definition it cannot open.
/// </summary>
public sealed class TmdlStructureChecker(TmdlCatalogue catalogue)
{
    // TOM's PartitionSourceType: the catalogue names it as the type of a partition's default value but lists no values for it.
    private static readonly HashSet<string> PartitionSourceTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "query", "calculated", "m", "entity", "policyRange", "calculationGroup", "inferred", "parquet",
    };

    public IReadOnlyList<string> Check(IReadOnlyDictionary<string, byte[]> files)
    {
        var problems = new List<string>();
        var parsed = new List<TmdlFile>();
        foreach (var (path, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            try
            {
                if (TmdlEncoding.Decode(path, bytes, problems) is { } text)
                {
                    parsed.Add(new TmdlFile(path, TmdlReader.Parse(text, path)));
                }
            }
            catch (TmdlFormatException e)
            {
                problems.Add(e.Message);
            }
        }

        var document = new TmdlDocument(parsed);
        foreach (var root in document.Roots)
        {
            CheckObject(root, null, problems);
        }

        problems.AddRange(TmdlReferences.Check(document));
        return problems;
    }

    private void CheckObject(TmdlObject o, string? parentType, List<string> problems)
    {
        void Problem(string what) => problems.Add($"{o.Location}: {what}");
        if (!char.IsLower(o.Type[0]))
        {
            Problem($"TMDL writes object types in camelCase, not '{o.Type}'");
        }

        // The catalogue predates the database object (database.tmdl: the name and compatibility level) and ref lines
        // (model.tmdl's order of tables and cultures); both are how Power BI Desktop writes a project today.
        if (o.Type == "database" && parentType is null)
        {
            CheckProperties(o, "Database", [new TmdlPropertyType("CompatibilityLevel", "Scalar", "Int", null, null)], problems);
            problems.AddRange(o.Children.Select(c => $"{c.Location}: a database holds its compatibility level only, not a {c.Type}"));
            return;
        }

        var typeName = catalogue.TypeOf(o.Type);
        if (typeName is null)
        {
            Problem($"'{o.Type}' is not a TMDL object type");
            return;
        }

        if (o.IsReference)
        {
            return;
        }

        var type = catalogue.ObjectTypes[typeName];
        if (parentType is null ? !catalogue.RootObjects.Contains(typeName) : catalogue.ObjectTypes[parentType].ChildObjects?.Contains(typeName) != true)
        {
            Problem(parentType is null ? $"a {o.Type} cannot stand at the top level of a file" : $"a {o.Type} cannot stand under a {o.Parent!.Type}");
        }

        if (type.RequiresName != o.Name is not null)
        {
            Problem(type.RequiresName ? $"a {o.Type} needs a name" : $"a {o.Type} takes no name");
        }

        if (o.Description is not null && !type.HasDescription)
        {
            Problem($"a {o.Type} cannot have a /// description");
        }

        CheckDefault(o, typeName, type, Problem);
        CheckProperties(o, typeName, type.Properties ?? [], problems);
        foreach (var child in o.Children)
        {
            if (type.Properties?.FirstOrDefault(p => p.Type == "Struct" && Named(p, child.Type)) is { } structure && child.Name is null)
            {
                // A structure (the model's dataAccessOptions) is written as its name with its fields below it.
                CheckProperties(child, $"{typeName}.{structure.Name}", structure.Children ?? [], problems);
                continue;
            }

            CheckObject(child, typeName, problems);
        }
    }

    private void CheckDefault(TmdlObject o, string typeName, TmdlObjectType type, Action<string> problem)
    {
        if (o.DefaultValue is null)
        {
            if (type.DefaultProperty is { } required && typeName != "DataSource")
            {
                problem($"a {o.Type} needs '= <{required.Name}>'");
            }
        }
        else if (type.DefaultProperty is null)
        {
            // A calculated column is `column Name = <DAX>`; the catalogue lists no default property for columns.
            if (typeName != "Column")
            {
                problem($"a {o.Type} takes no '= value'");
            }
        }
        else if (typeName == "Partition" ? !PartitionSourceTypes.Contains(o.DefaultValue)
                 : type.DefaultProperty.EnumType is { } enumType && !catalogue.Enums[enumType].Contains(o.DefaultValue))
        {
            problem($"'{o.DefaultValue}' is not a {type.DefaultProperty.EnumType ?? "PartitionSourceType"} value");
        }
    }

    private void CheckProperties(TmdlObject o, string typeName, IReadOnlyList<TmdlPropertyType> allowed, List<string> problems)
    {
        foreach (var property in o.Properties)
        {
            void Problem(string what) => problems.Add($"{property.File}:{property.Line}: {what}");
            if (!char.IsLower(property.Name[0]))
            {
                Problem($"TMDL writes properties in camelCase, not '{property.Name}'");
            }

            if (o.Properties.Count(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                Problem($"'{property.Name}' is set more than once on this {o.Type}");
            }

            // A partition's source (TOM's PartitionSource: an M expression, a DAX expression or a query) is `source =`.
            if (typeName == "Partition" && property is { Name: "source", Kind: TmdlPropertyKind.Expression })
            {
                continue;
            }

            if (allowed.FirstOrDefault(p => Named(p, property.Name)) is not { } definition)
            {
                Problem($"'{property.Name}' is not a property of {typeName}");
            }
            else if (ValueProblem(definition, property) is { } problem)
            {
                Problem($"{property.Name}: {problem}");
            }
        }
    }

    private string? ValueProblem(TmdlPropertyType definition, TmdlProperty property) => (definition.Type, definition.ScalarValueType, property.Kind) switch
    {
        ("Scalar", "Bool", TmdlPropertyKind.Flag) => null,
        ("Scalar", "Bool", _) => property.Value is "true" or "false" ? null : $"'{property.Value}' is not true or false",
        (_, _, TmdlPropertyKind.Flag) => "only a boolean property can be written alone",
        ("Scalar", "Int", _) => long.TryParse(property.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"'{property.Value}' is not a whole number",
        ("Scalar", "Enum", _) => catalogue.Enums.TryGetValue(definition.EnumType!, out var values) && values.Contains(property.Value)
            ? null : $"'{property.Value}' is not a {definition.EnumType} value",
        ("Scalar", "Date", _) => DateTime.TryParse(property.Value, CultureInfo.InvariantCulture, out _) ? null : $"'{property.Value}' is not a date",
        ("String" or "ModelReference", _, _) => property.Value.Length > 0 ? null : "has no value",
        _ => $"a {definition.Type} property is written as an object, not as a value",
    };

    private static bool Named(TmdlPropertyType property, string written) => string.Equals(property.Name, written, StringComparison.OrdinalIgnoreCase);
}
