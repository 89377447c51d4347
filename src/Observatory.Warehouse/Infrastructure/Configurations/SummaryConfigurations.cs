using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Summaries;

namespace Observatory.Warehouse.Infrastructure.Configurations;

// Board questions ask for one service over a run of months (or one year of checks).

internal sealed class MonthlyReferralConfiguration : IEntityTypeConfiguration<MonthlyReferral>
{
    public void Configure(EntityTypeBuilder<MonthlyReferral> builder) => builder.HasIndex(m => new { m.ServiceKey, m.MonthKey });
}

internal sealed class MonthlyOutcomeConfiguration : IEntityTypeConfiguration<MonthlyOutcome>
{
    public void Configure(EntityTypeBuilder<MonthlyOutcome> builder) => builder.HasIndex(m => new { m.ServiceKey, m.MonthKey });
}

internal sealed class YearlyHealthCheckConfiguration : IEntityTypeConfiguration<YearlyHealthCheck>
{
    public void Configure(EntityTypeBuilder<YearlyHealthCheck> builder) => builder.HasIndex(m => m.PeriodEndDateKey);
}
