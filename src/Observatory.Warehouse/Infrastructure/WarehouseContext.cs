using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Model.Summaries;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// The star schema. Set names are the public contract: they name the tables and the OData entity sets.
/// Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class WarehouseContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<CalendarDate> Dates => Set<CalendarDate>();
    public DbSet<Ethnicity> Ethnicities => Set<Ethnicity>();
    public DbSet<AgeBand> AgeBands => Set<AgeBand>();
    public DbSet<Gender> Genders => Set<Gender>();
    public DbSet<SexualOrientation> SexualOrientations => Set<SexualOrientation>();
    public DbSet<Disability> Disabilities => Set<Disability>();
    public DbSet<EmploymentStatus> EmploymentStatuses => Set<EmploymentStatus>();
    public DbSet<AccommodationStatus> AccommodationStatuses => Set<AccommodationStatus>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ReferralSource> ReferralSources => Set<ReferralSource>();
    public DbSet<EndReason> EndReasons => Set<EndReason>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<ContactMode> ContactModes => Set<ContactMode>();
    public DbSet<OutcomeMeasure> OutcomeMeasures => Set<OutcomeMeasure>();

    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<HealthCheck> HealthChecks => Set<HealthCheck>();
    public DbSet<ProgrammeOutcome> ProgrammeOutcomes => Set<ProgrammeOutcome>();
    public DbSet<PopulationEstimate> Population => Set<PopulationEstimate>();

    public DbSet<MonthlyReferral> MonthlyReferrals => Set<MonthlyReferral>();
    public DbSet<MonthlyOutcome> MonthlyOutcomes => Set<MonthlyOutcome>();
    public DbSet<YearlyHealthCheck> YearlyHealthChecks => Set<YearlyHealthCheck>();

    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<WarehouseLoad> WarehouseLoads => Set<WarehouseLoad>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Indexes on fact tables are chosen for the star joins and date filters (see Configurations),
        // not one per foreign key: every extra index slows the load and most would never be used.
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
        configurationBuilder.Conventions.Remove<CascadeDeleteConvention>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WarehouseContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            // A dimension's national code identifies its member: unique, so loads can look members up by it.
            if (entityType.FindProperty("Code") is { } code)
            {
                entityType.AddIndex(code).IsUnique = true;
            }

            // Keys come from the source (reference files or the generator), never from the database.
            foreach (var key in entityType.GetKeys())
            {
                foreach (var property in key.Properties)
                {
                    property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
                }
            }
        }
    }
}
