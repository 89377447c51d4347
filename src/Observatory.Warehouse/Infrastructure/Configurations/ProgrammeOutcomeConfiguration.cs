using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class ProgrammeOutcomeConfiguration : IEntityTypeConfiguration<ProgrammeOutcome>
{
    public void Configure(EntityTypeBuilder<ProgrammeOutcome> builder)
    {
        builder.HasIndex(o => new { o.ServiceKey, o.OutcomeMeasureKey });
    }
}
