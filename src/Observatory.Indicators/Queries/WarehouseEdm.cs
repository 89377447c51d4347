using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;

namespace Observatory.Indicators.Queries;

/// <summary>
/// An OData model of the warehouse built from the EF Core model itself (entity sets named as tables, properties
/// as columns, single-valued navigations along foreign keys), so catalogue filters parse with the OData
/// library's own parser against exactly the names the feed publishes and the SQL uses.
/// </summary>
public static class WarehouseEdm
{
    public static IEdmModel Build(IModel warehouse)
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer("Observatory", "Warehouse");
        model.AddElement(container);
        var types = new Dictionary<IEntityType, EdmEntityType>();
        foreach (var entity in warehouse.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var type = new EdmEntityType("Observatory", entity.ClrType.Name);
            foreach (var property in entity.GetProperties())
            {
                var edmProperty = type.AddStructuralProperty(property.Name, Primitive(property.ClrType), property.IsNullable);
                if (property.IsPrimaryKey())
                {
                    type.AddKeys(edmProperty);
                }
            }

            model.AddElement(type);
            types[entity] = type;
            container.AddEntitySet(entity.GetTableName()!, type);
        }

        foreach (var (entity, type) in types)
        {
            foreach (var navigation in entity.GetNavigations().Where(n => !n.IsCollection && n.IsOnDependent))
            {
                type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                {
                    Name = navigation.Name,
                    Target = types[navigation.TargetEntityType],
                    TargetMultiplicity = navigation.ForeignKey.IsRequired ? EdmMultiplicity.One : EdmMultiplicity.ZeroOrOne,
                });
            }
        }

        return model;
    }

    private static EdmPrimitiveTypeKind Primitive(Type clr) => (Nullable.GetUnderlyingType(clr) ?? clr) switch
    {
        var t when t == typeof(int) => EdmPrimitiveTypeKind.Int32,
        var t when t == typeof(long) => EdmPrimitiveTypeKind.Int64,
        var t when t == typeof(double) => EdmPrimitiveTypeKind.Double,
        var t when t == typeof(bool) => EdmPrimitiveTypeKind.Boolean,
        var t when t == typeof(string) => EdmPrimitiveTypeKind.String,
        var t when t == typeof(DateOnly) => EdmPrimitiveTypeKind.Date,
        var t when t == typeof(DateTime) => EdmPrimitiveTypeKind.DateTimeOffset,
        var t => throw new NotSupportedException($"No OData type for {t.Name}."),
    };
}
