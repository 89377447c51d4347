using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Reference;

/// <summary>The conformed dimensions read from seed/reference: shared by every source that loads the warehouse.</summary>
public sealed class ReferenceData
{
    public required IReadOnlyList<Ethnicity> Ethnicities { get; init; }
    public required IReadOnlyList<AgeBand> AgeBands { get; init; }
    public required IReadOnlyList<Gender> Genders { get; init; }
    public required IReadOnlyList<SexualOrientation> SexualOrientations { get; init; }
    public required IReadOnlyList<Disability> Disabilities { get; init; }
    public required IReadOnlyList<EmploymentStatus> EmploymentStatuses { get; init; }
    public required IReadOnlyList<AccommodationStatus> AccommodationStatuses { get; init; }
    public required IReadOnlyList<Area> Areas { get; init; }
    public required IReadOnlyList<Provider> Providers { get; init; }
    public required IReadOnlyList<Service> Services { get; init; }
    public required IReadOnlyList<ReferralSource> ReferralSources { get; init; }
    public required IReadOnlyList<EndReason> EndReasons { get; init; }
    public required IReadOnlyList<School> Schools { get; init; }
    public required IReadOnlyList<ContactMode> ContactModes { get; init; }
    public required IReadOnlyList<OutcomeMeasure> OutcomeMeasures { get; init; }

    public static ReferenceData Load()
    {
        var providers = Read<Provider>("providers.csv");
        var providerKeys = providers.ToDictionary(p => p.Code, p => p.ProviderKey);
        var services = Read<ServiceRow>("services.csv").Select(row => new Service
        {
            ServiceKey = row.ServiceKey,
            Code = row.Code,
            Name = row.Name,
            Programme = row.Programme,
            TargetPopulation = row.TargetPopulation,
            ProviderKey = providerKeys.TryGetValue(row.ProviderCode, out var key)
                ? key
                : throw new WarehouseException($"services.csv: service {row.Code} names unknown provider {row.ProviderCode}."),
        }).ToList();

        var areas = Read<Area>("areas.csv");
        foreach (var area in areas)
        {
            // IMD quintile 1 is the most deprived 20%: deciles 1-2.
            area.ImdQuintile = (area.ImdDecile + 1) / 2;
        }

        return new ReferenceData
        {
            Ethnicities = Read<Ethnicity>("ethnicities.csv"),
            AgeBands = Read<AgeBand>("age-bands.csv"),
            Genders = Read<Gender>("genders.csv"),
            SexualOrientations = Read<SexualOrientation>("sexual-orientations.csv"),
            Disabilities = Read<Disability>("disabilities.csv"),
            EmploymentStatuses = Read<EmploymentStatus>("employment-statuses.csv"),
            AccommodationStatuses = Read<AccommodationStatus>("accommodation-statuses.csv"),
            Areas = areas,
            Providers = providers,
            Services = services,
            ReferralSources = Read<ReferralSource>("referral-sources.csv"),
            EndReasons = Read<EndReason>("end-reasons.csv"),
            Schools = Read<School>("schools.csv"),
            ContactModes = Read<ContactMode>("contact-modes.csv"),
            OutcomeMeasures = Read<OutcomeMeasure>("outcome-measures.csv"),
        };
    }

    private static List<T> Read<T>(string file) => CsvFiles.Read<T>(SeedDirectory.File("reference", file));

    private sealed class ServiceRow
    {
        public int ServiceKey { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Programme { get; set; } = "";
        public string TargetPopulation { get; set; } = "";
        public string ProviderCode { get; set; } = "";
    }
}
