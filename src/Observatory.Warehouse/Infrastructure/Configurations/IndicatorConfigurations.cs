using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    // Questions of the values name an indicator, the caller's disclosure level and a period type, then a breakdown.
    public void Configure(EntityTypeBuilder<IndicatorValue> builder) =>
        builder.HasIndex(v => new { v.IndicatorId, v.Disclosure, v.PeriodType, v.Breakdown, v.PeriodStartKey });
}
