using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Facts;

[Description("One row per booked care contact of a referral: attended, did not attend or cancelled.")]
public class Appointment : IKeyedRecord
{
    [Key]
    [Description("Appointment identifier.")]
    public long AppointmentId { get; set; }

    [Description("The referral the contact belongs to.")]
    public long ReferralId { get; set; }

    public int ServiceKey { get; set; }

    [Description("Date of the appointment (yyyymmdd).")]
    public int DateKey { get; set; }

    public int ContactModeKey { get; set; }

    [Description("1 for an assessment contact, 0 for a treatment session.")]
    [Flag]
    public int IsAssessment { get; set; }

    [Description("1 when the person attended.")]
    [Flag]
    public int Attended { get; set; }

    [Description("1 when the person did not attend and gave no notice (DNA).")]
    [Flag]
    public int DidNotAttend { get; set; }

    [Description("1 when the appointment was cancelled by the person or the service.")]
    [Flag]
    public int Cancelled { get; set; }

    [Description("1 when an interpreter was used.")]
    [Flag]
    public int InterpreterUsed { get; set; }

    [Description("Length of the contact in minutes (0 when not attended).")]
    public int DurationMinutes { get; set; }

    [NeverServed]
    [Description("Record key of the cell-key method, drawn at load; never served.")]
    public int RecordKey { get; set; }

    long IKeyedRecord.RecordId => AppointmentId;

    [ForeignKey(nameof(ReferralId))] public Referral? Referral { get; set; }
    [ForeignKey(nameof(ServiceKey))] public Service? Service { get; set; }
    [ForeignKey(nameof(DateKey))] public CalendarDate? Date { get; set; }
    [ForeignKey(nameof(ContactModeKey))] public ContactMode? ContactMode { get; set; }
}
