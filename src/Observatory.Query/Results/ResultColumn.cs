using Microsoft.OData.Edm;

namespace Observatory.Query.Results;

/// <summary>How a value is read from the database and written to a response.</summary>
public enum ColumnKind
{
    Integer,
    Boolean,
    Double,
    String,
    Date,
    Timestamp,
}

/// <summary>One value of a result row: where it sits in the JSON (a path through navigations) and its OData type.</summary>
/// <param name="Path">Property names from the row's root, e.g. ["Ethnicity", "BroadGroup"].</param>
/// <param name="Type">The value's OData type.</param>
/// <param name="Hidden">Read only to tell whether its navigation is present, or to page by it; not written.</param>
/// <param name="Dynamic">Not a declared property (an alias of $compute or an aggregate): its type is written beside it where JSON cannot tell it.</param>
public sealed record ResultColumn(IReadOnlyList<string> Path, IEdmPrimitiveTypeReference Type, bool Hidden = false, bool Dynamic = false)
{
    public string Name => Path[^1];

    public ColumnKind Kind => Type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte => ColumnKind.Integer,
        EdmPrimitiveTypeKind.Boolean => ColumnKind.Boolean,
        // Decimal values (counts of aggregates) are whole numbers in this feed; Double is read as a double.
        EdmPrimitiveTypeKind.Decimal => ColumnKind.Integer,
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => ColumnKind.Double,
        EdmPrimitiveTypeKind.Date => ColumnKind.Date,
        EdmPrimitiveTypeKind.DateTimeOffset => ColumnKind.Timestamp,
        _ => ColumnKind.String,
    };
}
