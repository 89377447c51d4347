using Microsoft.OData.Edm;

namespace Observatory.Query.Sql;

/// <summary>A SQL expression and the OData type of its value (null for the literal null).</summary>
internal readonly record struct SqlValue(string Sql, IEdmTypeReference? Type)
{
    public bool IsNullable => Type?.IsNullable ?? true;

    public override string ToString() => Sql;
}
