using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Model.Summaries;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>Which tables are facts: the ones a load's throughput and the 'info' summary count.</summary>
public static class WarehouseTables
{
    public static readonly IReadOnlyList<Type> Facts =
        [typeof(Referral), typeof(Appointment), typeof(HealthCheck), typeof(ProgrammeOutcome), typeof(PopulationEstimate)];

    /// <summary>Pre-aggregated sets built from the facts (<see cref="WarehouseSummaries"/>).</summary>
    public static readonly IReadOnlyList<Type> Summaries = [typeof(MonthlyReferral), typeof(MonthlyOutcome), typeof(YearlyHealthCheck)];

    /// <summary>The indicator catalogue and the values computed from it at each load.</summary>
    public static readonly IReadOnlyList<Type> Indicators = [typeof(Indicator), typeof(IndicatorValue)];

    public static IEnumerable<string> FactTableNames(IModel model) =>
        Facts.Select(type => model.FindEntityType(type)!.GetTableName()!);
}
