using Bogus;
using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.Referrals;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.Programmes;

/// <summary>
/// Pre and post questionnaire scores for a participant who finished a programme, drawn from the service's
/// stream <c>outcomes:</c>.
/// </summary>
public sealed class ProgrammeOutcomes(GenerationContext context, Randomizer random)
{
    public void Write(Referral referral, ReferralPlan plan, OutcomeParameters outcome, int? schoolKey = null)
    {
        var measure = context.Measure(outcome.Measure);
        var pre = Math.Round(Math.Clamp(random.Normal(outcome.PreMean, outcome.PreSd), measure.MinScore, measure.MaxScore));
        var post = Math.Round(Math.Clamp(pre + random.Normal(outcome.ChangeMean, outcome.ChangeSd), measure.MinScore, measure.MaxScore));
        context.Outcomes.Add(new ProgrammeOutcome
        {
            ProgrammeOutcomeId = context.NextOutcomeId(),
            PersonId = referral.PersonId,
            ReferralId = referral.ReferralId,
            ServiceKey = referral.ServiceKey,
            OutcomeMeasureKey = measure.OutcomeMeasureKey,
            SchoolKey = schoolKey,
            EthnicityKey = referral.EthnicityKey,
            AgeBandKey = referral.AgeBandKey,
            GenderKey = referral.GenderKey,
            PreDateKey = Calendar.DateKey(plan.TreatmentStart ?? plan.ReferralDate),
            PostDateKey = Calendar.DateKey(plan.EndDate ?? context.DataCut),
            PreScore = pre,
            PostScore = post,
            Change = post - pre,
        });
    }
}
