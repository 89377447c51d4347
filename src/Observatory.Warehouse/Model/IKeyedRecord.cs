namespace Observatory.Warehouse.Model;

/// <summary>
/// A fact row that carries a record key of the cell-key method (<see cref="Infrastructure.RecordKeys"/>): a
/// random number given at load, from which the cell key of every count the row contributes to is made.
/// </summary>
public interface IKeyedRecord
{
    /// <summary>The row's identifier, which its record key is drawn for.</summary>
    long RecordId { get; }

    int RecordKey { get; set; }
}

/// <summary>A fact row about a person, which also carries the person's own record key (for counts of distinct people).</summary>
public interface IPersonRecord : IKeyedRecord
{
    long PersonId { get; }

    int PersonRecordKey { get; set; }
}

/// <summary>A column kept in the warehouse for its own use and never served: not in the feed's model, so no query can name it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NeverServedAttribute : Attribute;

/// <summary>A 0/1 column of a fact: summing it counts the rows it marks, so its sum is a count like any other.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlagAttribute : Attribute;
