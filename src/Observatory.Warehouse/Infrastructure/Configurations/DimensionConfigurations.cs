using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Infrastructure.Configurations;

// Dimensions with a national 'Code' get a unique index on it by convention (WarehouseContext);
// these are the ones whose natural key has another name.

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder) => builder.HasIndex(e => e.LsoaCode).IsUnique();
}

internal sealed class AgeBandConfiguration : IEntityTypeConfiguration<AgeBand>
{
    public void Configure(EntityTypeBuilder<AgeBand> builder) => builder.HasIndex(e => e.Name).IsUnique();
}

internal sealed class CalendarDateConfiguration : IEntityTypeConfiguration<CalendarDate>
{
    public void Configure(EntityTypeBuilder<CalendarDate> builder) => builder.HasIndex(e => e.MonthKey);
}
