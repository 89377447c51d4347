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
        // Indicators placed in periods by when treatment started or first contact came (access, waits), evaluated live for one
        // period, read that period's rows of one service rather than every row of the service.
        builder.HasIndex(r => new { r.ServiceKey, r.TreatmentStartDateKey });
        builder.HasIndex(r => new { r.ServiceKey, r.FirstContactDateKey });
        // Breakdowns by ethnicity and deprivation: narrow indexes a grouped count scans instead of the wide table.
        builder.HasIndex(r => r.EthnicityKey);
        builder.HasIndex(r => r.AreaKey);
    }
}
