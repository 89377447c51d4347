using Observatory.Warehouse.Model;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// The record keys of the cell-key method: for every fact row, and every person, a number spread evenly over
/// 0 to 2^24 − 1 that looks random to anyone without the load's secret. A count's cell key is the sum of its
/// contributors' keys modulo 2^24, divided by 2^24; the same contributors always give the same cell key.
/// <para>
/// A key is a keyed hash of the row's identifier (or the person's): an affine map, a square, an affine map, a square
/// and an affine map modulo the prime 2^31 − 1, whose coefficients are the secret. Every product stays below 2^62,
/// so SQLite and PostgreSQL compute it exactly as this class does (<see cref="Sql"/>), and a warehouse upgraded in
/// place gets the keys a fresh load would give. The secret of a synthetic load comes from its seed (the same seed,
/// the same keys); any other load draws one at random, which the stored keys then carry.
/// </para>
/// </summary>
public sealed class RecordKeys
{
    /// <summary>Bits of a key.</summary>
    public const int Bits = 24;

    /// <summary>The keys' range: a key lies in [0, <see cref="Range"/>).</summary>
    public const long Range = 1L << Bits;

    private const long Prime = int.MaxValue;
    private readonly long[] _records;
    private readonly long[] _people;

    private RecordKeys(ulong secret)
    {
        var state = secret;
        long Next() => (long)(SplitMix(ref state) % (Prime - 1)) + 1;
        _records = [Next(), Next(), Next(), Next(), Next()];
        _people = [Next(), Next(), Next(), Next(), Next()];
    }

    /// <summary>The keys of a load: from its seed when it is synthetic, otherwise from a secret drawn now.</summary>
    public static RecordKeys For(WarehouseLoad load) => load.RandomSeed is { } seed
        ? new RecordKeys(0x5EED_0000_0000_0000UL ^ (ulong)seed)
        : new RecordKeys(BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));

    /// <summary>Gives a row its record key and, for a row about a person, the person's.</summary>
    public void Assign(IKeyedRecord row)
    {
        row.RecordKey = Of(_records, row.RecordId);
        if (row is IPersonRecord person)
        {
            person.PersonRecordKey = Of(_people, person.PersonId);
        }
    }

    public int Record(long id) => Of(_records, id);

    public int Person(long personId) => Of(_people, personId);

    /// <summary>The same keys in SQL, over an identifier column: for a record's key, or (<paramref name="person"/>) a person's.</summary>
    public string Sql(string idColumn, bool person)
    {
        var c = person ? _people : _records;
        var x = $"(({idColumn} % {Prime}) * {c[0]} + {c[1]}) % {Prime}";
        x = $"((({x}) * ({x}) % {Prime}) * {c[2]} + {c[3]}) % {Prime}";
        x = $"((({x}) * ({x}) % {Prime}) + {c[4]}) % {Prime}";
        return $"({x}) % {Range}";
    }

    private static int Of(long[] c, long id)
    {
        var x = (id % Prime * c[0] + c[1]) % Prime;
        x = (x * x % Prime * c[2] + c[3]) % Prime;
        x = (x * x % Prime + c[4]) % Prime;
        return (int)(x % Range);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
