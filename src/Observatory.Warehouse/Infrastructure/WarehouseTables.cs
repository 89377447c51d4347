using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>Which tables are facts: the ones a load's throughput and the 'info' summary count.</summary>
public static class WarehouseTables
{
    public static readonly IReadOnlyList<Type> Facts =
        [typeof(Referral), typeof(Appointment), typeof(HealthCheck), typeof(ProgrammeOutcome), typeof(PopulationEstimate)];

    public static IEnumerable<string> FactTableNames(IModel model) =>
        Facts.Select(type => model.FindEntityType(type)!.GetTableName()!);
}
