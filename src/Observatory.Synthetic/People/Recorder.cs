using Bogus;
using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.People;

/// <summary>What a service records about a person at a given date: each field is left unrecorded with the
/// year's rate from synthetic.json, as 'not stated' (asked, declined) or 'not known' (not asked).</summary>
public sealed class Recorder(ReferenceData reference, RecordingParameters recording, Randomizer random)
{
    // Sexual orientation is asked of people aged 16 and over (DCB2094).
    private const int SexualOrientationMinAge = 16;
    private const int EmploymentMinAge = 16;

    private readonly Field<Ethnicity> _ethnicity = new(reference.Ethnicities, e => e.Code, e => e.EthnicityKey, "Z", "99");
    private readonly Field<Gender> _gender = new(reference.Genders, g => g.Code, g => g.GenderKey, "Z", "X");
    private readonly Field<SexualOrientation> _sexualOrientation = new(reference.SexualOrientations, s => s.Code, s => s.SexualOrientationKey, "Z", "9");
    private readonly Field<Disability> _disability = new(reference.Disabilities, d => d.Code, d => d.DisabilityKey, "Z", "9");
    private readonly Field<EmploymentStatus> _employment = new(reference.EmploymentStatuses, e => e.Code, e => e.EmploymentStatusKey, "ZZ", "99");
    private readonly Field<AccommodationStatus> _accommodation = new(reference.AccommodationStatuses, a => a.Code, a => a.AccommodationStatusKey, "Z", "9");

    private readonly Dictionary<int, UnrecordedRates> _byYear = [];

    public RecordedDemographics Record(Person person, DateOnly date, bool alwaysRecordEthnicity = false)
    {
        var rates = RatesFor(date);
        return new RecordedDemographics(
            EthnicityKey: alwaysRecordEthnicity
                ? _ethnicity.Key(person.Ethnicity.Code)
                : Choose(_ethnicity, person.Ethnicity.Code, rates.Ethnicity, recording.Ethnicity.NotStatedShare),
            GenderKey: Choose(_gender, person.GenderIdentityCode, rates.Gender, recording.Gender.NotStatedShare),
            SexualOrientationKey: person.AgeBand.MaxAge < SexualOrientationMinAge
                ? _sexualOrientation.NotKnown
                : Choose(_sexualOrientation, person.SexualOrientationCode, rates.SexualOrientation, recording.SexualOrientation.NotStatedShare),
            DisabilityKey: Choose(_disability, person.Disabled ? "Y" : "N", rates.Disability, recording.Disability.NotStatedShare),
            EmploymentStatusKey: person.AgeBand.MaxAge < EmploymentMinAge
                ? _employment.NotKnown
                : Choose(_employment, person.EmploymentStatusCode, rates.EmploymentStatus, recording.EmploymentStatus.NotStatedShare),
            AccommodationStatusKey: Choose(_accommodation, person.AccommodationStatusCode, rates.AccommodationStatus, recording.AccommodationStatus.NotStatedShare));
    }

    private UnrecordedRates RatesFor(DateOnly date)
    {
        var start = Calendar.FinancialYearStart(date);
        if (!_byYear.TryGetValue(start, out var rates))
        {
            var year = Calendar.FinancialYear(date);
            rates = new UnrecordedRates(
                recording.Ethnicity.ByYear.GetValueOrDefault(year),
                recording.Gender.ByYear.GetValueOrDefault(year),
                recording.SexualOrientation.ByYear.GetValueOrDefault(year),
                recording.Disability.ByYear.GetValueOrDefault(year),
                recording.EmploymentStatus.ByYear.GetValueOrDefault(year),
                recording.AccommodationStatus.ByYear.GetValueOrDefault(year));
            _byYear.Add(start, rates);
        }

        return rates;
    }

    private int Choose<T>(Field<T> field, string trueCode, double unrecorded, double notStatedShare)
    {
        if (random.Chance(unrecorded))
        {
            return random.Chance(notStatedShare) ? field.NotStated : field.NotKnown;
        }

        return field.Key(trueCode);
    }

    private sealed record UnrecordedRates(
        double Ethnicity, double Gender, double SexualOrientation, double Disability, double EmploymentStatus, double AccommodationStatus);

    private sealed class Field<T>
    {
        private readonly Dictionary<string, int> _keys;

        public Field(IEnumerable<T> members, Func<T, string> code, Func<T, int> key, string notStated, string notKnown)
        {
            _keys = members.ToDictionary(code, key);
            NotStated = _keys[notStated];
            NotKnown = _keys[notKnown];
        }

        public int NotStated { get; }
        public int NotKnown { get; }

        public int Key(string code) => _keys[code];
    }
}

/// <summary>Dimension keys of the demographics as recorded on one referral.</summary>
public readonly record struct RecordedDemographics(
    int EthnicityKey,
    int GenderKey,
    int SexualOrientationKey,
    int DisabilityKey,
    int EmploymentStatusKey,
    int AccommodationStatusKey);
