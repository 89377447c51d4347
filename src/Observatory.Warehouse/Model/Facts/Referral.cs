using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Facts;

[Description("One row per referral to a service. Demographics are as recorded at referral. Outcome flags are integers 0/1 so they can be summed.")]
public class Referral : IPersonRecord
{
    [Key]
    [Description("Referral identifier.")]
    public long ReferralId { get; set; }

    [Description("Pseudonymous person key; the same person keeps the same key across referrals and services.")]
    public long PersonId { get; set; }

    public int ServiceKey { get; set; }
    public int ReferralSourceKey { get; set; }
    public int EthnicityKey { get; set; }
    public int AgeBandKey { get; set; }
    public int GenderKey { get; set; }
    public int SexualOrientationKey { get; set; }
    public int DisabilityKey { get; set; }
    public int EmploymentStatusKey { get; set; }
    public int AccommodationStatusKey { get; set; }
    public int AreaKey { get; set; }

    [Description("Date the referral was received (yyyymmdd).")]
    public int ReferralDateKey { get; set; }

    [Description("Date of the first attended contact (assessment), if any.")]
    public int? FirstContactDateKey { get; set; }

    [Description("Date of the first attended treatment session, if any.")]
    public int? TreatmentStartDateKey { get; set; }

    [Description("Date the referral ended; empty while it is open at the data cut.")]
    public int? EndDateKey { get; set; }

    [Description("Why the referral ended; empty while it is open.")]
    public int? EndReasonKey { get; set; }

    [Description("Days from referral to the first attended contact.")]
    public int? WaitToFirstContactDays { get; set; }

    [Description("Days from referral to the first attended treatment session (the Talking Therapies waiting-time measure).")]
    public int? WaitToTreatmentDays { get; set; }

    [Description("Treatment sessions attended.")]
    public int SessionsAttended { get; set; }

    [Description("Appointments the person did not attend without notice (DNA).")]
    public int SessionsMissed { get; set; }

    [Description("Appointments cancelled by the person or the service.")]
    public int SessionsCancelled { get; set; }

    [Description("PHQ-9 depression score (0-27) at the first measurement (Talking Therapies).")]
    public int? FirstPhq9 { get; set; }

    [Description("PHQ-9 score at the last measurement.")]
    public int? LastPhq9 { get; set; }

    [Description("GAD-7 anxiety score (0-21) at the first measurement (Talking Therapies).")]
    public int? FirstGad7 { get; set; }

    [Description("GAD-7 score at the last measurement.")]
    public int? LastGad7 { get; set; }

    [Description("1 when at least one treatment session was attended (NHS Talking Therapies 'entered treatment').")]
    [Flag]
    public int EnteredTreatment { get; set; }

    [Description("1 when the referral ended having attended at least two treatment sessions ('finished a course of treatment').")]
    [Flag]
    public int FinishedTreatment { get; set; }

    [Description("1 when the person entered treatment and the referral ended earlier than the clinician planned (ending code 47).")]
    [Flag]
    public int DroppedOut { get; set; }

    [Description("1 when the first scores were at clinical caseness (PHQ-9 >= 10 or GAD-7 >= 8).")]
    [Flag]
    public int AtCaseness { get; set; }

    [Description("1 when the referral finished a course of treatment and was at caseness at the start: the denominator of the recovery rate.")]
    [Flag]
    public int FinishedAtCaseness { get; set; }

    [Description("1 when finished a course, at caseness at the start and not at caseness at the last measurement.")]
    [Flag]
    public int Recovered { get; set; }

    [Description("1 when finished a course and PHQ-9 fell by 6 or more or GAD-7 by 4 or more, with neither rising by that much.")]
    [Flag]
    public int ReliablyImproved { get; set; }

    [Description("1 when both recovered and reliably improved.")]
    [Flag]
    public int ReliablyRecovered { get; set; }

    [NeverServed]
    [Description("Record key of the cell-key method, drawn at load; never served.")]
    public int RecordKey { get; set; }

    [NeverServed]
    [Description("The person's record key of the cell-key method, drawn at load; never served.")]
    public int PersonRecordKey { get; set; }

    long IKeyedRecord.RecordId => ReferralId;

    [ForeignKey(nameof(ServiceKey))] public Service? Service { get; set; }
    [ForeignKey(nameof(ReferralSourceKey))] public ReferralSource? ReferralSource { get; set; }
    [ForeignKey(nameof(EthnicityKey))] public Ethnicity? Ethnicity { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
    [ForeignKey(nameof(GenderKey))] public Gender? Gender { get; set; }
    [ForeignKey(nameof(SexualOrientationKey))] public SexualOrientation? SexualOrientation { get; set; }
    [ForeignKey(nameof(DisabilityKey))] public Disability? Disability { get; set; }
    [ForeignKey(nameof(EmploymentStatusKey))] public EmploymentStatus? EmploymentStatus { get; set; }
    [ForeignKey(nameof(AccommodationStatusKey))] public AccommodationStatus? AccommodationStatus { get; set; }
    [ForeignKey(nameof(AreaKey))] public Area? Area { get; set; }
    [ForeignKey(nameof(ReferralDateKey))] public CalendarDate? ReferralDate { get; set; }
    [ForeignKey(nameof(FirstContactDateKey))] public CalendarDate? FirstContactDate { get; set; }
    [ForeignKey(nameof(TreatmentStartDateKey))] public CalendarDate? TreatmentStartDate { get; set; }
    [ForeignKey(nameof(EndDateKey))] public CalendarDate? EndDate { get; set; }
    [ForeignKey(nameof(EndReasonKey))] public EndReason? EndReason { get; set; }
}
