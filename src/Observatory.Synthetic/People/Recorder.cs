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

    public RecordedDemographics Record(Person person, DateOnly date, bool alwaysRecordEthnicity = false)
    {
        var year = Calendar.FinancialYear(date);
        return new RecordedDemographics(
            EthnicityKey: alwaysRecordEthnicity
                ? _ethnicity.Key(person.Ethnicity.Code)
                : Choose(_ethnicity, person.Ethnicity.Code, recording.Ethnicity, year),
            GenderKey: Choose(_gender, person.GenderIdentityCode, recording.Gender, year),
            SexualOrientationKey: person.AgeBand.MaxAge < SexualOrientationMinAge
                ? _sexualOrientation.NotKnown
                : Choose(_sexualOrientation, person.SexualOrientationCode, recording.SexualOrientation, year),
            DisabilityKey: Choose(_disability, person.Disabled ? "Y" : "N", recording.Disability, year),
            EmploymentStatusKey: person.AgeBand.MaxAge < EmploymentMinAge
                ? _employment.NotKnown
                : Choose(_employment, person.EmploymentStatusCode, recording.EmploymentStatus, year),
            AccommodationStatusKey: Choose(_accommodation, person.AccommodationStatusCode, recording.AccommodationStatus, year));
    }

    private int Choose<T>(Field<T> field, string trueCode, RecordingRate rate, string year)
    {
        if (random.Chance(rate.ByYear.GetValueOrDefault(year)))
        {
            return random.Chance(rate.NotStatedShare) ? field.NotStated : field.NotKnown;
        }

        return field.Key(trueCode);
    }

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
