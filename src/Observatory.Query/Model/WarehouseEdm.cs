using System.ComponentModel;
using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model;

namespace Observatory.Query.Model;

/// <summary>
/// The OData model of the warehouse, built from the EF Core model itself: one entity set per table (named as the
/// table), one property per column (named as the column, in the order the class declares them), keys, and
/// single-valued navigations from facts to dimensions along their foreign keys. Every set, type and property
/// carries its <c>Core.Description</c> from the model's [Description] texts, so Power BI's field list explains
/// each column. The feed, the SQL translation and the indicator catalogue's filters all read this one model. Where
/// the indicator catalogue is published, so is the function that evaluates an indicator live (<see cref="EvaluateFunction"/>).
/// </summary>
public static class WarehouseEdm
{
    public const string Namespace = "Observatory";
    public const string ContainerName = "Warehouse";

    private static readonly Lazy<IEdmModel> Shared = new(() => Build(WarehouseContextFactory.Model));

    /// <summary>The model of this version's warehouse (the same for both providers), built once.</summary>
    public static IEdmModel Instance => Shared.Value;

    /// <param name="warehouse">The EF Core model.</param>
    /// <param name="includeSet">Which tables to publish (by name); every one when null. Navigations to a table left out are left out.</param>
    public static IEdmModel Build(IModel warehouse, Func<string, bool>? includeSet = null)
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, ContainerName);
        model.AddElement(container);
        var entities = warehouse.GetEntityTypes().Where(e => e.GetTableName() is { } table && (includeSet?.Invoke(table) ?? true)).ToList();
        var types = new Dictionary<IEntityType, EdmEntityType>();
        var sets = new Dictionary<IEntityType, EdmEntitySet>();
        foreach (var entity in entities)
        {
            var type = new EdmEntityType(Namespace, entity.ClrType.Name);
            foreach (var property in Declared(entity))
            {
                if (property.GetColumnName() != property.Name)
                {
                    throw new InvalidOperationException($"{entity.ClrType.Name}.{property.Name} is stored as column {property.GetColumnName()}: the feed and the SQL share one name.");
                }

                var edmProperty = type.AddStructuralProperty(property.Name, Primitive(property.ClrType), property.IsNullable);
                if (property.IsPrimaryKey())
                {
                    type.AddKeys(edmProperty);
                }
            }

            model.AddElement(type);
            types[entity] = type;
            sets[entity] = container.AddEntitySet(entity.GetTableName()!, type);
        }

        foreach (var (entity, type) in types)
        {
            foreach (var navigation in entity.GetNavigations().Where(n => !n.IsCollection && n.IsOnDependent && types.ContainsKey(n.TargetEntityType)).OrderBy(n => Order(entity, n.Name)))
            {
                var target = navigation.TargetEntityType;
                var edmNavigation = type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                {
                    Name = navigation.Name,
                    Target = types[target],
                    TargetMultiplicity = navigation.ForeignKey.IsRequired ? EdmMultiplicity.One : EdmMultiplicity.ZeroOrOne,
                    DependentProperties = navigation.ForeignKey.Properties.Select(p => type.FindProperty(p.Name)).Cast<IEdmStructuralProperty>().ToList(),
                    PrincipalProperties = navigation.ForeignKey.PrincipalKey.Properties.Select(p => types[target].FindProperty(p.Name)).Cast<IEdmStructuralProperty>().ToList(),
                });
                sets[entity].AddNavigationTarget(edmNavigation, sets[target]);
            }
        }

        foreach (var entity in entities)
        {
            Describe(model, entity, types[entity], sets[entity], sets);
        }

        if (types.FirstOrDefault(t => t.Key.ClrType == typeof(Warehouse.Model.Indicators.Indicator)).Value is { } indicator)
        {
            EvaluateFunction.Add(model, indicator, warehouse.FindEntityType(typeof(Warehouse.Model.Indicators.IndicatorValue))!);
        }

        return model;
    }

    /// <summary>The set holding entities of a type.</summary>
    public static IEdmEntitySet SetOf(this IEdmModel model, IEdmEntityType type) =>
        model.EntityContainer.EntitySets().Single(s => s.EntityType == type);

    // Properties in the order the class declares them (EF Core lists keys first and the rest by name), without those never served.
    internal static IEnumerable<IProperty> Declared(IEntityType entity) => entity.GetProperties()
        .Where(p => p.PropertyInfo is not null && p.PropertyInfo.GetCustomAttribute<NeverServedAttribute>() is null)
        .OrderBy(p => Order(entity, p.Name));

    private static int Order(IEntityType entity, string name) =>
        Array.FindIndex(entity.ClrType.GetProperties(), p => p.Name == name);

    private static void Describe(EdmModel model, IEntityType entity, EdmEntityType type, EdmEntitySet set, Dictionary<IEntityType, EdmEntitySet> sets)
    {
        var clr = entity.ClrType;
        var description = Description(clr) ?? throw MissingDescription(clr.Name);
        Annotate(model, set, description);
        Annotate(model, type, description);

        var navigationByKey = clr.GetProperties()
            .Select(p => (Property: p, ForeignKey: p.GetCustomAttribute<ForeignKeyAttribute>()?.Name))
            .Where(p => p.ForeignKey is not null)
            .ToDictionary(p => p.ForeignKey!, p => p.Property);
        foreach (var property in type.DeclaredProperties)
        {
            var member = clr.GetProperty(property.Name)!;
            var text = Description(member) ?? property switch
            {
                IEdmNavigationProperty navigation =>
                    $"The {SetName(navigation.ToEntityType())} row for {navigation.DependentProperties()?.FirstOrDefault()?.Name}: {Description(member.PropertyType)}",
                _ when navigationByKey.TryGetValue(property.Name, out var navigation) =>
                    $"Key of the {SetName(model.FindDeclaredType($"{Namespace}.{navigation.PropertyType.Name}"))} row (navigate with {navigation.Name}).",
                _ => throw MissingDescription($"{clr.Name}.{property.Name}"),
            };
            Annotate(model, property, text);
        }

        // A key whose table is left out of this model is described by its type's name.
        string SetName(IEdmSchemaType? target) => sets.Values.SingleOrDefault(s => s.EntityType == target && target is not null)?.Name ?? "related";
    }

    internal static string? Description(MemberInfo member) => member.GetCustomAttribute<DescriptionAttribute>()?.Description;

    private static InvalidOperationException MissingDescription(string what) =>
        new($"{what} has no [Description]: every set and property of the feed must explain itself.");

    internal static void Annotate(EdmModel model, IEdmVocabularyAnnotatable target, string text)
    {
        var annotation = new EdmVocabularyAnnotation(target, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(text));
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.SetVocabularyAnnotation(annotation);
    }

    internal static EdmPrimitiveTypeKind Primitive(Type clr) => (Nullable.GetUnderlyingType(clr) ?? clr) switch
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
