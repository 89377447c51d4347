using Bogus;
using Observatory.Synthetic.Population;
using Observatory.Synthetic.Sampling;

namespace Observatory.Synthetic.People;

/// <summary>
/// Creates residents from a population cell (area, ethnicity, age band, sex) with the characteristics the
/// census cell does not carry, through a Bogus <see cref="Faker{T}"/> seeded with the stream
/// <c>residents:</c> and the owner (the service, programme or register whose pool the people are in).
/// </summary>
public sealed class PersonFactory
{
    private const int RetirementAge = 65;
    private const double RetiredShareOver65 = 0.8;
    private const double GenderDiverseShare = 0.01;

    private readonly GenerationContext _context;
    private readonly Faker<Person> _faker;

    public PersonFactory(GenerationContext context, string owner)
    {
        _context = context;
        var distributions = context.Parameters.Distributions;
        var sexualOrientation = Categorical.FromShares(distributions.SexualOrientation);
        var employment = Categorical.FromShares(distributions.EmploymentStatus);
        var accommodation = Categorical.FromShares(distributions.AccommodationStatus);
        var genderDiverse = Categorical.FromShares(
            distributions.GenderIdentity.Where(g => g.Key is not ("1" or "2")).ToDictionary());

        _faker = new Faker<Person>()
            .UseSeed(context.Streams.Seed("residents", owner))
            .UseDateTimeReference(context.DataCut.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            .RuleFor(p => p.GenderIdentityCode, (f, p) =>
                f.Random.Chance(GenderDiverseShare) ? genderDiverse.Draw(f.Random) : p.Sex.Code)
            .RuleFor(p => p.SexualOrientationCode, f => sexualOrientation.Draw(f.Random))
            .RuleFor(p => p.Disabled, f => f.Random.Chance(distributions.DisabilityYes))
            .RuleFor(p => p.EmploymentStatusCode, (f, p) =>
                p.AgeBand.MinAge >= RetirementAge && f.Random.Chance(RetiredShareOver65) ? "08" : employment.Draw(f.Random))
            .RuleFor(p => p.AccommodationStatusCode, f => accommodation.Draw(f.Random))
            .RuleFor(p => p.NeedsInterpreter, (f, p) => f.Random.Chance(
                distributions.Interpreter.ByEthnicity.GetValueOrDefault(p.Ethnicity.Code, distributions.Interpreter.Default)));
    }

    public Person Create(PopulationCell cell)
    {
        var person = new Person
        {
            // One sequence for every pool, so no two people share a key.
            PersonId = _context.NextPersonId(),
            Area = cell.Area,
            Ethnicity = cell.Ethnicity,
            AgeBand = cell.AgeBand,
            Sex = cell.Sex,
        };
        _faker.Populate(person);
        return person;
    }
}
