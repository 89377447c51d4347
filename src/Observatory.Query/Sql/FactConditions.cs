using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Query.Model;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// A filter of the indicator catalogue (<c>$filter</c> syntax, parsed against <see cref="WarehouseEdm.Instance"/>) as
/// SQL conditions over the rows of its fact set aliased <c>f</c>, one for each top-level <c>and</c> term, translated
/// as the feed translates a <c>$filter</c> (<see cref="ExpressionTranslator"/>: OData's two-valued logic) but with
/// the literals written into the text, which the engine combines, compares and caches.
/// </summary>
/// <remarks>
/// A term that reads one dimension and nothing of the fact (<c>Service/Code eq 'TT'</c>, or what the dimension leads
/// to: <c>Service/Provider/Code eq 'RWK'</c>) is a condition on that dimension's rows, which becomes one on the
/// facts' key of it, so no fact row is joined to its dimension: the keys are looked up once by the caller's resolver
/// and compared as runs (<c>f."ServiceKey" = 1</c>, <c>f."DisabilityKey" BETWEEN 1 AND 2</c>), or without a resolver
/// <c>f."ServiceKey" IN (SELECT ...)</c>. A fact without the dimension meets no such term, as through a join. A term
/// that reads another fact (a programme outcome's <c>Referral/Area/Borough</c>) reads it row by row.
/// </remarks>
public sealed class FactConditions
{
    private readonly IEdmEntitySet _set;
    private readonly SqlDialect _dialect;
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<long>>>? _resolveKeys;

    /// <param name="set">The fact set (named as its table).</param>
    /// <param name="dialect">The provider's SQL.</param>
    /// <param name="resolveKeys">Runs a query of dimension keys and returns them; none for the subquery.</param>
    /// <exception cref="QueryException"><paramref name="set"/> is not a set of the warehouse.</exception>
    public FactConditions(string set, SqlDialect dialect, Func<string, CancellationToken, Task<IReadOnlyList<long>>>? resolveKeys = null)
    {
        _set = WarehouseEdm.Instance.EntityContainer.FindEntitySet(set) ?? throw QueryException.Invalid($"'{set}' is not a warehouse table.");
        _dialect = dialect;
        _resolveKeys = resolveKeys;
    }

    /// <summary>The SQL conditions that must all hold where <paramref name="filter"/> does.</summary>
    /// <exception cref="QueryException">The filter does not parse or asks for what the translation cannot do.</exception>
    public Task<IReadOnlyList<string>> TranslateAsync(string filter, CancellationToken cancellationToken) =>
        TranslateAsync(Parse(filter), cancellationToken);

    /// <summary>A filter parsed against the set, for a caller to check before it is translated.</summary>
    /// <exception cref="QueryException">The filter does not parse.</exception>
    public SingleValueNode Parse(string filter)
    {
        try
        {
            return new ODataQueryOptionParser(WarehouseEdm.Instance, _set.EntityType, _set, new Dictionary<string, string> { ["$filter"] = filter })
                .ParseFilter().Expression;
        }
        catch (ODataException e)
        {
            throw QueryException.Invalid($"Filter '{filter}' does not parse: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException or NullReferenceException)
        {
            // The parser's own failures on malformed input, described without its internals.
            throw QueryException.Invalid($"Filter '{filter}' does not parse: check brackets, quotes and the names of properties.");
        }
    }

    /// <summary>The SQL conditions that must all hold where the parsed filter does.</summary>
    /// <exception cref="QueryException">The filter asks for what the translation cannot do.</exception>
    public async Task<IReadOnlyList<string>> TranslateAsync(SingleValueNode node, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        foreach (var term in Terms(node))
        {
            conditions.Add(Dimension(term) is { } navigation
                ? await KeysAsync(navigation, term, cancellationToken)
                : Translator(new RowScope(_set, "f")).Condition(term));
        }

        return conditions;
    }

    /// <summary>
    /// Keys as runs: <c>f."K" = 3</c>, <c>f."K" BETWEEN 1 AND 7</c>, or several joined by OR. Dimension keys are mostly
    /// consecutive, and a range costs the database two comparisons a row where a list costs a lookup.
    /// </summary>
    private static string KeyList(string column, IReadOnlyList<long> keys)
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

    private static IEnumerable<QueryNode> Terms(QueryNode node) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Terms(and.Left).Concat(Terms(and.Right)),
        ConvertNode convert => Terms(convert.Source),
        _ => [node],
    };

    private async Task<string> KeysAsync(string navigation, QueryNode term, CancellationToken cancellationToken)
    {
        var (dimension, key, foreignKey) = RowScope.Dimension(_set, navigation);
        var condition = Translator(new RowScope(dimension, "d", navigation)).Condition(term);
        var keys = $"SELECT d.{SqlDialect.Quote(key)} FROM {SqlDialect.Quote(dimension.Name)} AS d WHERE {condition}";
        var column = $"f.{SqlDialect.Quote(foreignKey)}";
        return _resolveKeys is null ? $"{column} IN ({keys})" : KeyList(column, await _resolveKeys(keys, cancellationToken));
    }

    private ExpressionTranslator Translator(QueryScope scope) => new(_dialect, new SqlParameters(inline: _dialect), scope);

    /// <summary>The one navigation a term reads through, when it reads one dimension (and what it leads to) and nothing of the fact.</summary>
    private string? Dimension(QueryNode term)
    {
        var navigations = new HashSet<string>(StringComparer.Ordinal);
        var readsFact = false;
        void Visit(QueryNode node)
        {
            switch (node)
            {
                case SingleValuePropertyAccessNode property:
                    var path = ExpressionTranslator.Navigations(property.Source);
                    readsFact |= path.Count == 0 || !LeadsToDimension(path[0]);
                    navigations.Add(path.Count == 0 ? "" : path[0]);
                    break;
                case BinaryOperatorNode or UnaryOperatorNode or ConvertNode or InNode or SingleValueFunctionCallNode:
                    foreach (var operand in Operands(node))
                    {
                        Visit(operand);
                    }

                    break;
                case ConstantNode or CollectionConstantNode:
                    break;
                default:
                    // Anything else is translated over the facts, where the translator says what it cannot do.
                    readsFact = true;
                    break;
            }
        }

        Visit(term);
        return !readsFact && navigations.Count == 1 ? navigations.Single() : null;
    }

    /// <summary>Whether a navigation of the facts leads to a dimension, whose keys are few, rather than to another fact.</summary>
    private bool LeadsToDimension(string navigation) =>
        _set.EntityType.FindProperty(navigation) is IEdmNavigationProperty property
        && !WarehouseTables.FactTableNames(WarehouseContextFactory.Model).Contains(_set.Container.EntitySets().Single(s => s.EntityType == property.ToEntityType()).Name);

    private static IEnumerable<QueryNode> Operands(QueryNode node) => node switch
    {
        BinaryOperatorNode binary => [binary.Left, binary.Right],
        UnaryOperatorNode unary => [unary.Operand],
        ConvertNode convert => [convert.Source],
        InNode @in => [@in.Left, @in.Right],
        SingleValueFunctionCallNode call => call.Parameters,
        _ => [],
    };
}
