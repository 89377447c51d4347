using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class HealthCheckConfiguration : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> builder)
    {
        // The measure is always read for one period end, usually broken down by ethnicity.
        builder.HasIndex(h => new { h.PeriodEndDateKey, h.EthnicityKey });
    }
}
