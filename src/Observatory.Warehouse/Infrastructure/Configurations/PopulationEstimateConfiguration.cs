using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class PopulationEstimateConfiguration : IEntityTypeConfiguration<PopulationEstimate>
{
    // Small (tens of thousands of rows): one index for denominators by area, the rest are scans.
    public void Configure(EntityTypeBuilder<PopulationEstimate> builder) => builder.HasIndex(p => p.AreaKey);
}
