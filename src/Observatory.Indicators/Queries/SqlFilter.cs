using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Indicators.Catalogue;

namespace Observatory.Indicators.Queries;

/// <summary>
/// Translates a catalogue filter (OData <c>$filter</c> syntax, parsed by the OData library against
/// <see cref="WarehouseEdm"/>) into a SQL condition over the fact table aliased <c>f</c>; a condition on a
/// dimension's attributes becomes a lookup of that dimension's keys. Plain ANSI SQL, so one translation serves
/// SQLite and PostgreSQL. Supported: comparisons, <c>and</c>/<c>or</c>/<c>not</c>, <c>in</c>, <c>null</c>, and
/// properties of the fact and of its dimensions (one navigation deep).
/// </summary>
public sealed class SqlFilter
{
    private readonly IEntityType _facts;

    private readonly Func<string, IReadOnlyList<long>>? _resolveKeys;

    private SqlFilter(IEntityType facts, Func<string, IReadOnlyList<long>>? resolveKeys) => (_facts, _resolveKeys) = (facts, resolveKeys);

    /// <summary>Starts translating filters over the facts stored in <paramref name="table"/>.</summary>
    /// <param name="resolveKeys">
    /// Runs a query of dimension keys and returns them, so that a dimension condition becomes a comparison with
    /// keys (<c>f."ServiceKey" = 1</c>, <c>f."DisabilityKey" BETWEEN 1 AND 2</c>) rather than a subquery probed for
    /// every fact row; without it, the subquery.
    /// </param>
    public static SqlFilter For(IModel warehouse, string table, Func<string, IReadOnlyList<long>>? resolveKeys = null) => new(
        warehouse.GetEntityTypes().SingleOrDefault(e => e.GetTableName() == table)
        ?? throw new CatalogueException($"'{table}' is not a warehouse table."), resolveKeys);

    /// <summary>The SQL condition for an OData filter expression.</summary>
    /// <exception cref="CatalogueException">The filter does not parse or uses something outside the supported subset.</exception>
    public string Translate(IEdmModel edm, string filter) => string.Join(" AND ", Conjuncts(edm, filter));

    /// <summary>The SQL conditions that must all hold (the filter's top-level <c>and</c> terms), each translated.</summary>
    public IReadOnlyList<string> Conjuncts(IEdmModel edm, string filter)
    {
        var container = edm.EntityContainer;
        var set = container.FindEntitySet(_facts.GetTableName()!);
        SingleValueNode node;
        try
        {
            node = new ODataQueryOptionParser(edm, set.EntityType, set, new Dictionary<string, string> { ["$filter"] = filter })
                .ParseFilter().Expression;
        }
        catch (ODataException e)
        {
            throw new CatalogueException($"Filter '{filter}' does not parse: {e.Message}");
        }

        var terms = new List<string>();
        void Split(QueryNode term)
        {
            switch (term)
            {
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and: Split(and.Left); Split(and.Right); break;
                case ConvertNode convert: Split(convert.Source); break;
                default: terms.Add(Sql(term)); break;
            }
        }

        Split(node);
        return terms;
    }

    private string Sql(QueryNode node) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } b => $"({Sql(b.Left)} AND {Sql(b.Right)})",
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } b => $"({Sql(b.Left)} OR {Sql(b.Right)})",
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } u => $"NOT ({Sql(u.Operand)})",
        ConvertNode c => Sql(c.Source),
        // A condition on one dimension's attributes becomes a set of that dimension's keys, looked up once:
        // no join per fact row.
        _ when Dimension(node) is { } navigation => KeysOf(navigation, node),
        _ => Condition(node, "f"),
    };

    private static string Condition(QueryNode node, string dimensionAlias) => node switch
    {
        ConvertNode c => Condition(c.Source, dimensionAlias),
        BinaryOperatorNode b when IsNull(b.Right) => $"{Value(b.Left, dimensionAlias)} {NullTest(b.OperatorKind)}",
        BinaryOperatorNode b when IsNull(b.Left) => $"{Value(b.Right, dimensionAlias)} {NullTest(b.OperatorKind)}",
        BinaryOperatorNode b => $"{Value(b.Left, dimensionAlias)} {Comparison(b.OperatorKind)} {Value(b.Right, dimensionAlias)}",
        InNode i when i.Right is CollectionConstantNode list =>
            $"{Value(i.Left, dimensionAlias)} IN ({string.Join(", ", list.Collection.Select(c => Literal(c.Value)))})",
        _ => throw new CatalogueException($"Filters cannot use {node.Kind} here; use comparisons, and/or/not, in and properties."),
    };

    private static string Value(QueryNode node, string dimensionAlias) => node switch
    {
        ConvertNode c => Value(c.Source, dimensionAlias),
        ConstantNode c => Literal(c.Value),
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } p => $"f.\"{p.Property.Name}\"",
        SingleValuePropertyAccessNode { Source: SingleNavigationNode { Source: ResourceRangeVariableReferenceNode } } p => $"{dimensionAlias}.\"{p.Property.Name}\"",
        SingleValuePropertyAccessNode => throw new CatalogueException("Filters may read the facts and their dimensions, one navigation deep."),
        _ => throw new CatalogueException($"Filters cannot use {node.Kind} here; use comparisons, and/or/not, in and properties."),
    };

    /// <summary>The one navigation a comparison reads through, when it reads a dimension and nothing of the fact.</summary>
    private static string? Dimension(QueryNode node)
    {
        var navigations = new HashSet<string>();
        var readsFact = false;
        void Visit(QueryNode n)
        {
            switch (n)
            {
                case BinaryOperatorNode b: Visit(b.Left); Visit(b.Right); break;
                case InNode i: Visit(i.Left); break;
                case ConvertNode c: Visit(c.Source); break;
                case SingleValuePropertyAccessNode { Source: SingleNavigationNode navigation }: navigations.Add(navigation.NavigationProperty.Name); break;
                case SingleValuePropertyAccessNode: readsFact = true; break;
            }
        }

        Visit(node);
        return !readsFact && navigations.Count == 1 ? navigations.Single() : null;
    }

    /// <summary><c>f."FK" IN (SELECT key FROM dimension WHERE condition)</c>; a fact without the dimension matches nothing, as through a join.</summary>
    private string KeysOf(string navigationName, QueryNode node)
    {
        var navigation = _facts.FindNavigation(navigationName)
            ?? throw new CatalogueException($"{_facts.GetTableName()} have no {navigationName}.");
        var key = navigation.ForeignKey;
        if (key.Properties.Count != 1)
        {
            throw new CatalogueException($"{navigationName} has a composite key, which filters cannot follow.");
        }

        var keys = $"SELECT d.\"{key.PrincipalKey.Properties[0].GetColumnName()}\" FROM \"{navigation.TargetEntityType.GetTableName()}\" AS d WHERE {Condition(node, "d")}";
        var column = $"f.\"{key.Properties[0].GetColumnName()}\"";
        if (_resolveKeys is null)
        {
            return $"{column} IN ({keys})";
        }

        return KeyList(column, _resolveKeys(keys));
    }

    /// <summary>
    /// A resolved list of keys as runs: <c>f."K" = 3</c>, <c>f."K" BETWEEN 1 AND 7</c>, or several joined by OR.
    /// Dimension keys are mostly consecutive, and a range costs the database two comparisons a row where a list
    /// costs a lookup.
    /// </summary>
    internal static string KeyList(string column, IReadOnlyList<long> keys)
    {
        var runs = new List<(long First, long Last)>();
        foreach (var key in keys.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].Last == key - 1)
            {
                runs[^1] = (runs[^1].First, key);
            }
            else
            {
                runs.Add((key, key));
            }
        }

        var conditions = runs.Select(r => r.First == r.Last
            ? string.Create(CultureInfo.InvariantCulture, $"{column} = {r.First}")
            : string.Create(CultureInfo.InvariantCulture, $"{column} BETWEEN {r.First} AND {r.Last}")).ToList();
        return conditions.Count switch
        {
            0 => "1 = 0",
            1 => conditions[0],
            _ => $"({string.Join(" OR ", conditions)})",
        };
    }

    private static bool IsNull(SingleValueNode node) => node is ConstantNode { Value: null } || node is ConvertNode { Source: ConstantNode { Value: null } };

    private static string NullTest(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equal => "IS NULL",
        BinaryOperatorKind.NotEqual => "IS NOT NULL",
        _ => throw new CatalogueException("Only eq and ne compare with null."),
    };

    private static string Comparison(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equal => "=",
        BinaryOperatorKind.NotEqual => "<>",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        _ => throw new CatalogueException($"Filters cannot use the {kind} operator."),
    };

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        bool b => b ? "TRUE" : "FALSE",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        ODataEnumValue e => $"'{e.Value}'",
        _ => throw new CatalogueException($"Filters cannot use a {value.GetType().Name} literal."),
    };
}
