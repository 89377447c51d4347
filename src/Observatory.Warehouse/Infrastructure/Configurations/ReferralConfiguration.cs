using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        // Service first: most questions are about one service over a period of referrals.
        builder.HasIndex(r => new { r.ServiceKey, r.ReferralDateKey });
        // Date-range filters on each role-playing date that reports use.
        builder.HasIndex(r => r.ReferralDateKey);
        builder.HasIndex(r => r.EndDateKey);
        builder.HasIndex(r => r.TreatmentStartDateKey);
        // Breakdowns by ethnicity and area: narrow indexes that a grouped count can scan instead of the table.
        builder.HasIndex(r => r.EthnicityKey);
        builder.HasIndex(r => r.AreaKey);
        // A person's referrals across services.
        builder.HasIndex(r => r.PersonId);
    }
}
