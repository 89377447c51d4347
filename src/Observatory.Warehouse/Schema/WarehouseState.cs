namespace Observatory.Warehouse.Schema;

/// <summary>What is found at a warehouse location.</summary>
public enum WarehouseState
{
    /// <summary>No warehouse there yet: a load creates one.</summary>
    Missing,

    /// <summary>A warehouse built by this version: ready.</summary>
    Current,

    /// <summary>A warehouse built by an earlier version: its pending migrations upgrade it in place.</summary>
    NeedsUpgrade,

    /// <summary>Built by a later version, or not an Observatory warehouse at all: refused, never touched.</summary>
    Incompatible,
}

/// <summary>The outcome of <see cref="WarehouseSchema.InspectAsync"/>.</summary>
/// <param name="State">What was found.</param>
/// <param name="Detail">Why, in words a user can act on.</param>
/// <param name="PendingMigrations">Migrations an upgrade would apply.</param>
public sealed record WarehouseInspection(WarehouseState State, string Detail, IReadOnlyList<string> PendingMigrations);
