using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// A table's name, columns and a compiled writer for its rows, all read from the EF Core model, so the bulk
/// path can never disagree with the schema the migrations created.
/// </summary>
internal sealed class TableMapping<T>
{
    private TableMapping(string table, IReadOnlyList<string> columns, Action<T, IRowWriter> writeRow)
    {
        Table = table;
        Columns = columns;
        WriteRow = writeRow;
    }

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Writes every column of a row, in <see cref="Columns"/> order.</summary>
    public Action<T, IRowWriter> WriteRow { get; }

    public static TableMapping<T> From(IModel model)
    {
        var entityType = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the warehouse model.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.PropertyInfo is not null).ToList();

        var row = Expression.Parameter(typeof(T), "row");
        var writer = Expression.Parameter(typeof(IRowWriter), "writer");
        var body = properties.Select(p => WriteColumn(row, writer, p.PropertyInfo!))
            .Prepend(Expression.Call(writer, nameof(IRowWriter.BeginRow), Type.EmptyTypes))
            .Append(Expression.Call(writer, nameof(IRowWriter.EndRow), Type.EmptyTypes));
        var writeRow = Expression.Lambda<Action<T, IRowWriter>>(Expression.Block(body), row, writer).Compile();

        return new TableMapping<T>(table, properties.Select(p => p.GetColumnName(store)!).ToList(), writeRow);
    }

    private static Expression WriteColumn(ParameterExpression row, ParameterExpression writer, PropertyInfo property)
    {
        var value = Expression.Property(row, property);
        var underlying = Nullable.GetUnderlyingType(property.PropertyType);
        if (underlying is not null)
        {
            return Expression.IfThenElse(
                Expression.Property(value, "HasValue"),
                CallWrite(writer, Expression.Property(value, "Value"), underlying, property),
                Expression.Call(writer, nameof(IRowWriter.WriteNull), Type.EmptyTypes));
        }

        if (property.PropertyType == typeof(string))
        {
            return Expression.IfThenElse(
                Expression.Equal(value, Expression.Constant(null, typeof(string))),
                Expression.Call(writer, nameof(IRowWriter.WriteNull), Type.EmptyTypes),
                CallWrite(writer, value, typeof(string), property));
        }

        return CallWrite(writer, value, property.PropertyType, property);
    }

    private static MethodCallExpression CallWrite(ParameterExpression writer, Expression value, Type type, PropertyInfo property)
    {
        var method = typeof(IRowWriter).GetMethod(nameof(IRowWriter.Write), [type])
            ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: the bulk loader has no encoding for {type.Name}.");
        return Expression.Call(writer, method, value);
    }
}
