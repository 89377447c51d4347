namespace Observatory.Templates.Model;

/// <summary>What a table of the semantic model is for.</summary>
public enum TableKind
{
    /// <summary>Describes facts (a person's ethnicity, an area, a date); filters flow from it to the facts.</summary>
    Dimension,

    /// <summary>Rows of activity (or the census population) that the indicator measures count.</summary>
    Fact,

    /// <summary>What the service publishes as it is: the catalogue, the indicator values at the caller's level, the loads.</summary>
    Published,
}

/// <summary>A column of the model: named and typed as the feed's property it imports.</summary>
public sealed record ModelColumn(string Name, string DataType, bool Hidden, string? Description, string? SortBy = null, bool IsKey = false);

/// <summary>A table of the model, imported from the feed's entity set of the same name.</summary>
/// <param name="RefreshDate">The date key that incremental refresh partitions the table by; none for a table refreshed whole.</param>
/// <param name="RefreshGranularity">The period of a refresh partition: month or year.</param>
public sealed record ModelTable(
    string Name, TableKind Kind, IReadOnlyList<ModelColumn> Columns, string Description, string? RefreshDate = null, string? RefreshGranularity = null);

/// <summary>A relationship from a fact's key (many) to its dimension's key (one), filtering in that direction only.</summary>
public sealed record ModelRelationship(string FromTable, string FromColumn, string ToTable, string ToColumn, bool IsActive)
{
    public string Name => $"{FromTable} {FromColumn} to {ToTable}";
}

/// <summary>A row-level security role: the rows of each table a member sees, as DAX filters.</summary>
public sealed record ModelRole(string Name, string Description, IReadOnlyList<(string Table, string Filter)> Filters);
