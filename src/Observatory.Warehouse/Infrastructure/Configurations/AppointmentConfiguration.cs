using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        // The contacts of a referral (and the join from appointments to referral demographics).
        builder.HasIndex(a => a.ReferralId);
        // Activity by service over a period.
        builder.HasIndex(a => new { a.ServiceKey, a.DateKey });
    }
}
