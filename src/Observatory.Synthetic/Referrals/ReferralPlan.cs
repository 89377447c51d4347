using Observatory.Synthetic.People;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Synthetic.Referrals;

/// <summary>The course of one referral, decided by a pathway; <see cref="ReferralWriter"/> turns it into fact rows.</summary>
public sealed class ReferralPlan
{
    public required Person Person { get; init; }
    public required Service Service { get; init; }
    public required string SourceCode { get; init; }
    public required DateOnly ReferralDate { get; init; }
    public DateOnly? FirstContact { get; set; }
    public DateOnly? TreatmentStart { get; set; }

    /// <summary>Attended treatment sessions, in date order.</summary>
    public List<DateOnly> Sessions { get; } = [];

    public DateOnly? EndDate { get; set; }
    public string? EndingCode { get; set; }
    public int? FirstPhq9 { get; set; }
    public int? FirstGad7 { get; set; }
    public int? LastPhq9 { get; set; }
    public int? LastGad7 { get; set; }

    /// <summary>Appointment habits of the service: chance of a did-not-attend or a cancellation beside each attended contact.</summary>
    public double DidNotAttend { get; init; }
    public double Cancelled { get; init; }
    public int SessionMinutes { get; init; }

    /// <summary>The demographics as the service recorded them at referral.</summary>
    public required RecordedDemographics Recorded { get; init; }

    public bool Ended => EndDate is not null;
}
