using System.Globalization;
using System.Text;
using Observatory.Query.Sql;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Indicators.Disclosure;

/// <summary>
/// The cell-key method applied to one count: its cell key from the sum of its contributors' record keys, and the
/// count as published. One instance serves every controlled output, so a cell is published alike everywhere.
/// </summary>
public sealed class CellKeys(DisclosureRules rules) : ICountRelease
{
    private readonly PerturbationTable _table = rules.Table();

    public DisclosureRules Rules => rules;

    public PerturbationTable Table => _table;

    /// <summary>The cell key of a count whose contributors' record keys add up to <paramref name="keySum"/>: in [0, 1).</summary>
    public static double CellKey(long keySum) => (double)(((keySum % RecordKeys.Range) + RecordKeys.Range) % RecordKeys.Range) / RecordKeys.Range;

    /// <summary>The count as published (before the threshold below which it is withheld).</summary>
    public long Publish(long count, long keySum) => _table.Publish(count, CellKey(keySum));

    /// <summary>The count as released: its published value, or null where it is withheld.</summary>
    public long? Release(long count, long keySum) => Publish(count, keySum) is var published && rules.Withholds(published) ? null : published;

    /// <summary>The count as released, in SQL: the same perturbation as <see cref="Publish"/>, bound for bound, then NULL where withheld.</summary>
    public string Released(string count, string keySum)
    {
        var published = PublishedSql(count, keySum);
        return $"CASE WHEN {published} BETWEEN 1 AND {rules.SuppressAtMost} THEN NULL ELSE {published} END";
    }

    /// <summary>Whether the count as published is above the threshold, in SQL.</summary>
    public string Listed(string count, string keySum) => $"{PublishedSql(count, keySum)} > {rules.SuppressAtMost}";

    /// <summary>
    /// The published count in SQL. The cell key is computed as <see cref="CellKey"/> does (a remainder, then a
    /// division by a power of two, exact in double precision on both providers), and compared with the same slice
    /// bounds the table gives, written to the last bit.
    /// </summary>
    private string PublishedSql(string count, string keySum)
    {
        var n = $"COALESCE({count}, 0)";
        var key = $"(CAST(COALESCE({keySum}, 0) % {RecordKeys.Range} AS DOUBLE PRECISION) / {RecordKeys.Range}.0)";
        var sql = new StringBuilder($"({n} + CASE {n}");
        for (var row = 0; row <= _table.LastDistinctCount; row++)
        {
            sql.Append(row == _table.LastDistinctCount ? " ELSE " : $" WHEN {row} THEN ").Append(Perturbation(row, key));
        }

        return sql.Append(" END)").ToString();
    }

    private string Perturbation(int count, string key)
    {
        var slices = _table.Slices(count);
        if (slices.Count == 1)
        {
            return slices[0].Perturbation.ToString(CultureInfo.InvariantCulture);
        }

        var sql = new StringBuilder("CASE");
        foreach (var (perturbation, below) in slices.Take(slices.Count - 1))
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {key} < {below:R} THEN {perturbation}");
        }

        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {slices[^1].Perturbation} END").ToString();
    }
}
