using Microsoft.OData.Edm;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model;

namespace Observatory.Query.Model;

/// <summary>What the warehouse's classes say of a set or column of the feed's model (its CLR type, its attributes).</summary>
internal static class WarehouseColumns
{
    /// <summary>The warehouse class behind an entity type of the model; null for a type that has none.</summary>
    public static Type? ClrType(IEdmStructuredType type) =>
        type is IEdmEntityType entity ? WarehouseContextFactory.Model.GetEntityTypes().FirstOrDefault(e => e.ClrType.Name == entity.Name)?.ClrType : null;

    /// <summary>Whether a column is a 0/1 flag (<see cref="FlagAttribute"/>): summing it counts the rows it marks.</summary>
    public static bool IsFlag(IEdmProperty property) =>
        ClrType(property.DeclaringType)?.GetProperty(property.Name)?.GetCustomAttributes(typeof(FlagAttribute), false).Length > 0;
}
