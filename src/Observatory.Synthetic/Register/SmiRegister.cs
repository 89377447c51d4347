using Observatory.Synthetic.People;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Reference;
using Randomizer = Bogus.Randomizer;

namespace Observatory.Synthetic.Register;

/// <summary>
/// The GP serious mental illness register: a cohort that persists from year to year with some leaving and
/// joining, and one health-check row per person per financial year. The share with all six checks is drawn
/// with <see cref="BalancedSampler"/> per year, so the report's 60% for 2021/22 holds to within one person.
/// The register owns the streams <c>register:SMI</c> (checks, leaving) and those of its people and their recording.
/// </summary>
public sealed class SmiRegister(GenerationContext context)
{
    private const string Owner = "SMI";
    private static readonly string[] Checks =
        ["AlcoholCheck", "BloodGlucoseCheck", "BloodPressureCheck", "BmiCheck", "LipidsCheck", "SmokingCheck"];

    private readonly Randomizer _random = context.Streams.For("register", Owner);
    private readonly Recorder _recorder = context.RecorderFor(Owner);

    public void Write()
    {
        var parameters = context.Parameters.SmiRegister;
        var pinned = context.Figures["smi-all-six-2021-22"];
        var pinnedYear = Calendar.FinancialYear(pinned.To!.Value);
        var people = context.PeopleFor(Owner,
            c => c.AgeBand.MinAge >= 18
                ? parameters.Access.GetValueOrDefault(c.Ethnicity.BroadGroup, 1) * parameters.AgeAccess.GetValueOrDefault(c.AgeBand.Name, 0)
                : 0,
            rereferralShare: 0);

        var size = (int)Math.Round(parameters.PeoplePerYear * context.Scale);
        var cohort = new List<Member>(size);
        var period = context.Parameters.Period;
        for (var yearEnd = Calendar.FinancialYearEnd(period.Start); yearEnd <= period.End; yearEnd = yearEnd.AddYears(1))
        {
            var year = Calendar.FinancialYear(yearEnd);
            while (cohort.Count < size)
            {
                var person = people.Next();
                // The GP record's demographics, as recorded when the person joined the register.
                cohort.Add(new Member(person, _recorder.Record(person, yearEnd.AddYears(-1).AddDays(1))));
            }

            var rate = year == pinnedYear ? pinned.Value : parameters.AllSixChecks[year];
            var stratum = $"smi:{year}";
            foreach (var member in cohort)
            {
                Write(member, yearEnd, context.Balanced.Next(stratum, rate));
            }

            cohort.RemoveAll(_ => _random.Chance(parameters.LeaveEachYear));
        }
    }

    private void Write(Member member, DateOnly periodEnd, bool allSix)
    {
        var parameters = context.Parameters.SmiRegister;
        var done = new bool[Checks.Length];
        if (allSix)
        {
            Array.Fill(done, true);
        }
        else
        {
            // Each check at its own rate, redrawn until at least one is missing.
            do
            {
                for (var i = 0; i < Checks.Length; i++)
                {
                    done[i] = _random.Chance(parameters.CheckWhenNotAllSix.GetValueOrDefault(Checks[i], 0.5));
                }
            }
            while (done.All(d => d));
        }

        context.HealthChecks.Add(new HealthCheck
        {
            HealthCheckId = context.NextHealthCheckId(),
            PersonId = member.Person.PersonId,
            PeriodEndDateKey = Calendar.DateKey(periodEnd),
            EthnicityKey = member.Recorded.EthnicityKey,
            AgeBandKey = member.Person.AgeBand.AgeBandKey,
            GenderKey = member.Recorded.GenderKey,
            AreaKey = member.Person.Area.AreaKey,
            AlcoholCheck = Flag(done[0]),
            BloodGlucoseCheck = Flag(done[1]),
            BloodPressureCheck = Flag(done[2]),
            BmiCheck = Flag(done[3]),
            LipidsCheck = Flag(done[4]),
            SmokingCheck = Flag(done[5]),
            AllSixChecks = Flag(allSix),
            ByStreetOutreachTeam = Flag(done.Any(d => d) && _random.Chance(parameters.ByStreetOutreachTeam)),
        });
    }

    private static int Flag(bool value) => value ? 1 : 0;

    private sealed record Member(Person Person, RecordedDemographics Recorded);
}
