using Bogus;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Definitions;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.Referrals;

/// <summary>
/// Writes a planned referral and its appointments; the outcome flags come from <see cref="ReferralMeasures"/>.
/// Each service has its own writer, whose appointments are drawn from the service's stream <c>appointments:</c>.
/// </summary>
public sealed class ReferralWriter(GenerationContext context, Randomizer random)
{
    private readonly List<Appointment> _appointments = [];

    public Referral Write(ReferralPlan plan)
    {
        var recorded = plan.Recorded;
        var outcome = ReferralMeasures.Evaluate(
            plan.Sessions.Count, plan.Ended, plan.EndingCode,
            plan.FirstPhq9, plan.FirstGad7, plan.LastPhq9, plan.LastGad7);

        var referral = new Referral
        {
            ReferralId = context.NextReferralId(),
            PersonId = plan.Person.PersonId,
            ServiceKey = plan.Service.ServiceKey,
            ReferralSourceKey = context.Source(plan.SourceCode).ReferralSourceKey,
            EthnicityKey = recorded.EthnicityKey,
            AgeBandKey = plan.Person.AgeBand.AgeBandKey,
            GenderKey = recorded.GenderKey,
            SexualOrientationKey = recorded.SexualOrientationKey,
            DisabilityKey = recorded.DisabilityKey,
            EmploymentStatusKey = recorded.EmploymentStatusKey,
            AccommodationStatusKey = recorded.AccommodationStatusKey,
            AreaKey = plan.Person.Area.AreaKey,
            ReferralDateKey = Calendar.DateKey(plan.ReferralDate),
            FirstContactDateKey = Key(plan.FirstContact),
            TreatmentStartDateKey = Key(plan.TreatmentStart),
            EndDateKey = Key(plan.EndDate),
            EndReasonKey = plan.EndingCode is null ? null : context.EndReason(plan.EndingCode).EndReasonKey,
            WaitToFirstContactDays = Days(plan.ReferralDate, plan.FirstContact),
            WaitToTreatmentDays = Days(plan.ReferralDate, plan.TreatmentStart),
            SessionsAttended = plan.Sessions.Count,
            FirstPhq9 = plan.FirstPhq9,
            LastPhq9 = plan.LastPhq9,
            FirstGad7 = plan.FirstGad7,
            LastGad7 = plan.LastGad7,
            EnteredTreatment = outcome.EnteredTreatment,
            FinishedTreatment = outcome.FinishedTreatment,
            DroppedOut = outcome.DroppedOut,
            AtCaseness = outcome.AtCaseness,
            FinishedAtCaseness = outcome.FinishedAtCaseness,
            Recovered = outcome.Recovered,
            ReliablyImproved = outcome.ReliablyImproved,
            ReliablyRecovered = outcome.ReliablyRecovered,
        };

        PlanAppointments(plan, referral);
        foreach (var appointment in _appointments)
        {
            referral.SessionsMissed += appointment.DidNotAttend;
            referral.SessionsCancelled += appointment.Cancelled;
        }

        // The referral goes first: its appointments refer to it.
        context.Referrals.Add(referral);
        foreach (var appointment in _appointments)
        {
            appointment.AppointmentId = context.NextAppointmentId();
            context.Appointments.Add(appointment);
        }

        _appointments.Clear();
        return referral;
    }

    /// <summary>The referral's booked contacts, in date order (ids are given as they are written).</summary>
    private void PlanAppointments(ReferralPlan plan, Referral referral)
    {
        var latest = plan.EndDate ?? context.DataCut;
        if (plan.FirstContact is { } first)
        {
            Add(referral, plan, first, isAssessment: true, attended: true);
        }
        else
        {
            // Referrals never seen usually had an assessment offered and missed.
            var offered = plan.ReferralDate.AddDays(random.Int(7, 35));
            if (offered <= latest && random.Chance(0.6))
            {
                Add(referral, plan, offered, isAssessment: true, attended: false);
            }
        }

        foreach (var session in plan.Sessions)
        {
            Add(referral, plan, session, isAssessment: false, attended: true);
            if (random.Chance(plan.DidNotAttend))
            {
                Add(referral, plan, Before(session, plan), isAssessment: false, attended: false);
            }

            if (random.Chance(plan.Cancelled))
            {
                Add(referral, plan, Before(session, plan), isAssessment: false, attended: false, cancelled: true);
            }
        }

        _appointments.Sort((a, b) => a.DateKey.CompareTo(b.DateKey));
    }

    private DateOnly Before(DateOnly session, ReferralPlan plan)
    {
        var date = session.AddDays(-random.Int(1, 6));
        var earliest = plan.TreatmentStart ?? plan.ReferralDate;
        return date < earliest ? earliest : date;
    }

    private void Add(Referral referral, ReferralPlan plan, DateOnly date, bool isAssessment, bool attended, bool cancelled = false)
    {
        var mode = context.ContactMode(date, random);
        _appointments.Add(new Appointment
        {
            ReferralId = referral.ReferralId,
            ServiceKey = referral.ServiceKey,
            DateKey = Calendar.DateKey(date),
            ContactModeKey = mode.ContactModeKey,
            IsAssessment = isAssessment ? 1 : 0,
            Attended = attended ? 1 : 0,
            DidNotAttend = !attended && !cancelled ? 1 : 0,
            Cancelled = cancelled ? 1 : 0,
            InterpreterUsed = attended && plan.Person.NeedsInterpreter ? 1 : 0,
            DurationMinutes = attended ? Math.Max(15, plan.SessionMinutes + random.Int(-10, 10)) : 0,
        });
    }

    private static int? Key(DateOnly? date) => date is { } d ? Calendar.DateKey(d) : null;

    private static int? Days(DateOnly from, DateOnly? to) => to is { } t ? t.DayNumber - from.DayNumber : null;
}
