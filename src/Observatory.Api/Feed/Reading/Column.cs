using Microsoft.OData.Edm;

namespace Observatory.Api.Feed.Reading;

/// <summary>How a value is read from the database and written to the response.</summary>
public enum ColumnKind
{
    Integer,
    Boolean,
    Double,
    String,
    Date,
    Timestamp,
}

/// <summary>One value of a result row: where it sits in the JSON (a path through navigations) and its kind.</summary>
/// <param name="Path">Property names from the row's root, e.g. ["Ethnicity", "BroadGroup"].</param>
/// <param name="Kind">How the value is read and written.</param>
/// <param name="Hidden">Read only to tell whether its navigation is present; not written.</param>
public sealed record Column(IReadOnlyList<string> Path, ColumnKind Kind, bool Hidden = false)
{
    public string Name => Path[^1];

    public static ColumnKind KindOf(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Byte => ColumnKind.Integer,
        EdmPrimitiveTypeKind.Boolean => ColumnKind.Boolean,
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single or EdmPrimitiveTypeKind.Decimal => ColumnKind.Double,
        EdmPrimitiveTypeKind.Date => ColumnKind.Date,
        EdmPrimitiveTypeKind.DateTimeOffset => ColumnKind.Timestamp,
        _ => ColumnKind.String,
    };

    public static ColumnKind KindOf(Type type)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        return clr == typeof(int) || clr == typeof(long) || clr == typeof(short) ? ColumnKind.Integer
            : clr == typeof(bool) ? ColumnKind.Boolean
            : clr == typeof(double) || clr == typeof(float) || clr == typeof(decimal) ? ColumnKind.Double
            : clr == typeof(DateOnly) ? ColumnKind.Date
            : clr == typeof(DateTime) || clr == typeof(DateTimeOffset) ? ColumnKind.Timestamp
            : ColumnKind.String;
    }
}
