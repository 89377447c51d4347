namespace Observatory.Tests.Templates;

/// <summary>
/// References from one object to another that Power BI resolves when it opens a project, and refuses to open
/// without: relationship ends, sort-by columns, hierarchy levels, table permissions and model.tmdl's ref lines.
/// </summary>
public static class TmdlReferences
{
    public static IEnumerable<string> Check(TmdlDocument document)
    {
        var tables = document.Tables.GroupBy(t => t.Name!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var duplicate in document.Tables.GroupBy(t => t.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"{duplicate.Last().Location}: table {duplicate.Key} is declared more than once";
        }

        foreach (var o in document.AllObjects)
        {
            var problem = o switch
            {
                { IsReference: true, Type: "table" } => tables.ContainsKey(o.Name!) ? null : $"ref table {o.Name}: no such table",
                { IsReference: true } => document.Roots.Any(r => !r.IsReference && r.Type == o.Type && r.Name == o.Name) ? null : $"ref {o.Type} {o.Name}: no such {o.Type}",
                { Type: "relationship" } => Column(o, "fromColumn", tables) ?? Column(o, "toColumn", tables),
                { Type: "tablePermission" } => tables.ContainsKey(o.Name!) ? null : $"table permission on {o.Name}: no such table",
                { Type: "column", Parent: { Type: "table" } table } when o.Property("sortByColumn") is { } sortBy =>
                    HasColumn(table, sortBy) ? null : $"sortByColumn {sortBy}: no such column in {table.Name}",
                { Type: "level", Parent.Parent: { Type: "table" } table } when o.Property("column") is { } column =>
                    HasColumn(table, column) ? null : $"level column {column}: no such column in {table.Name}",
                _ => null,
            };
            if (problem is not null)
            {
                yield return $"{o.Location}: {problem}";
            }
        }
    }

    private static string? Column(TmdlObject relationship, string end, Dictionary<string, TmdlObject> tables)
    {
        if (relationship.Properties.FirstOrDefault(p => p.Name == end) is not { } property)
        {
            return $"a relationship needs {end}";
        }

        var parts = TmdlNames.ReadReference(property.Value, property.File, property.Line);
        return parts is [var table, var column] && tables.TryGetValue(table, out var found) && HasColumn(found, column) ? null
            : $"{end} {property.Value}: no such column";
    }

    private static bool HasColumn(TmdlObject table, string reference)
    {
        var name = TmdlNames.ReadReference(reference, table.File, table.Line)[^1];
        return table.ChildrenOfType("column").Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
