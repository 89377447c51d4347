using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        // Service first: most questions are about one service over a period. With ANALYZE statistics SQLite
        // also uses these for date ranges across all services (skip-scan over the few services).
        builder.HasIndex(r => new { r.ServiceKey, r.ReferralDateKey });
        builder.HasIndex(r => new { r.ServiceKey, r.EndDateKey });
        // Breakdowns by ethnicity and deprivation: narrow indexes a grouped count scans instead of the wide table.
        builder.HasIndex(r => r.EthnicityKey);
        builder.HasIndex(r => r.AreaKey);
    }
}
