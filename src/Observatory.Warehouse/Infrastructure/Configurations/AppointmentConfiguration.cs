using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Warehouse.Infrastructure.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    // The join from a contact to its referral's demographics when the referrals are filtered first, and a
    // referral's contacts. Appointments are written in referral order, so this index is also the cheapest to
    // build; filters on service and date scan the narrow table instead (a second index would cost seconds on
    // every load for little gain).
    public void Configure(EntityTypeBuilder<Appointment> builder) => builder.HasIndex(a => a.ReferralId);
}
