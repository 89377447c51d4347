using System.Text.Json;
using Observatory.Warehouse;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.Calibration;

/// <summary>The generator's parameters, read from seed/calibration/synthetic.json (whose 'about' texts give the sources).</summary>
public sealed class SyntheticParameters
{
    public required PeriodParameters Period { get; init; }
    public required VolumeParameters Volume { get; init; }
    public required RecordingParameters Recording { get; init; }
    public required DistributionParameters Distributions { get; init; }
    public required PopulationParameters Population { get; init; }
    public required ContactModeParameters ContactModes { get; init; }
    public required List<ServiceParameters> Services { get; init; }
    public required DeprivationParameters Deprivation { get; init; }
    public required TalkingTherapiesParameters TalkingTherapies { get; init; }
    public required SmiRegisterParameters SmiRegister { get; init; }
    public required GrowingMindsParameters GrowingMinds { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SyntheticParameters Load()
    {
        var path = SeedDirectory.File("calibration", "synthetic.json");
        try
        {
            return JsonSerializer.Deserialize<SyntheticParameters>(File.ReadAllText(path), Json)
                ?? throw new WarehouseException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new WarehouseException($"{path} is not valid: {e.Message}", e);
        }
    }
}

public sealed record PeriodParameters(DateOnly Start, DateOnly End);

public sealed record VolumeParameters(
    Dictionary<string, double> MonthOfYear,
    Dictionary<string, double> FinancialYear,
    Dictionary<string, double> Months);

public sealed record RecordingRate(Dictionary<string, double> ByYear, double NotStatedShare);

public sealed record RecordingParameters(
    RecordingRate Ethnicity,
    RecordingRate SexualOrientation,
    RecordingRate Disability,
    RecordingRate EmploymentStatus,
    RecordingRate AccommodationStatus,
    RecordingRate Gender);

public sealed record InterpreterParameters(Dictionary<string, double> ByEthnicity, double Default);

public sealed record DistributionParameters(
    Dictionary<string, double> GenderIdentity,
    Dictionary<string, double> SexualOrientation,
    double DisabilityYes,
    Dictionary<string, double> EmploymentStatus,
    Dictionary<string, double> AccommodationStatus,
    InterpreterParameters Interpreter);

public sealed record PopulationParameters(Dictionary<string, double> DeprivationTilt);

public sealed record ContactModeParameters(Dictionary<string, Dictionary<string, double>> ByYear);

/// <summary>A lognormal wait, given by its median and 90th centile in days.</summary>
public sealed record WaitParameters(double Median, double P90);

public sealed record SessionParameters(double Mean, int Max);

public sealed record OutcomeParameters(string Measure, double Share, double PreMean, double PreSd, double ChangeMean, double ChangeSd);

public sealed record ServiceParameters(
    string Code,
    double ReferralsPerYear,
    int MinAge,
    int MaxAge,
    Dictionary<string, double> Access,
    Dictionary<string, double> AgeAccess,
    Dictionary<string, double> Sources,
    double Seen,
    WaitParameters WaitToFirstContactDays,
    Dictionary<string, double> EnteredTreatment,
    WaitParameters WaitToTreatmentDays,
    SessionParameters TreatmentSessions,
    Dictionary<string, double> DroppedOut,
    SessionParameters DropOutSessions,
    Dictionary<string, double> NotTreatedEndings,
    Dictionary<string, double> TreatedEndingsOtherThanDropOut,
    double DidNotAttend,
    double Cancelled,
    double SessionIntervalDays,
    int SessionMinutes,
    OutcomeParameters? Outcome);

public sealed record DeprivationParameters(double StepPerDecile);

public sealed record TalkingTherapiesParameters(
    double AtCaseness,
    Dictionary<string, double> Recovered,
    Dictionary<string, double> ReliablyImproved,
    double ReliablyImprovedWhenRecovered,
    double ReliablyImprovedNotAtCaseness);

public sealed record SmiRegisterParameters(
    double PeoplePerYear,
    double LeaveEachYear,
    Dictionary<string, double> Access,
    Dictionary<string, double> AgeAccess,
    Dictionary<string, double> AllSixChecks,
    Dictionary<string, double> CheckWhenNotAllSix,
    double ByStreetOutreachTeam);

public sealed record CounsellingParameters(double CompletionsPerMonthAfterReport, double OtherEndingsPerCompletion, int MaxSessions, OutcomeParameters Outcome);

public sealed record NvrParameters(List<DateOnly> TrancheStarts, int LaterTrancheSize, int NotStartedPerTranche, int Weeks, OutcomeParameters Outcome);

public sealed record TreeOfLifeParameters(DateOnly Start, DateOnly End, int ParticipantsPerSchool, OutcomeParameters Outcome);

public sealed record MentalHealthFirstAidParameters(List<DateOnly> Cohorts, int InstructorsPerCohort);

public sealed record GrowingMindsParameters(
    CounsellingParameters Counselling,
    NvrParameters Nvr,
    TreeOfLifeParameters TreeOfLife,
    MentalHealthFirstAidParameters MentalHealthFirstAid);
