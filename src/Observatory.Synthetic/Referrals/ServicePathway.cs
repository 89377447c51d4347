using Bogus;
using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.People;
using Observatory.Synthetic.Programmes;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Synthetic.Referrals;

/// <summary>
/// The course of referrals to one mainstream service (synthetic.json 'services'): seen or not, waits, whether
/// treatment starts, sessions, drop-out, ending and, for NHS Talking Therapies, scores and recovery.
/// Rates that reports compare between groups are drawn with <see cref="BalancedSampler"/> per recorded broad
/// ethnic group (what reports break down by), so the published directions hold in every generated warehouse.
/// The pathway owns its service's streams: <c>pathway:</c> for the course, <c>scores:</c> for Talking Therapies
/// scores, and through its writer, people, recorder and outcomes those of appointments, people, residents,
/// recording and outcomes.
/// </summary>
public sealed class ServicePathway
{
    private const string TalkingTherapies = "TT";
    private readonly GenerationContext _context;
    private readonly ServiceParameters _parameters;
    private readonly Service _service;
    private readonly Randomizer _random;
    private readonly Randomizer _scores;
    private readonly PersonPool _people;
    private readonly Recorder _recorder;
    private readonly ReferralWriter _writer;
    private readonly ProgrammeOutcomes _outcomes;
    private readonly Categorical<string> _sources;
    private readonly Categorical<string> _notTreatedEndings;
    private readonly Categorical<string> _treatedEndings;
    private readonly Dictionary<int, Strata> _strata;

    public ServicePathway(GenerationContext context, ServiceParameters parameters)
    {
        var code = parameters.Code;
        _context = context;
        _parameters = parameters;
        _service = context.Service(code);
        _random = context.Streams.For("pathway", code);
        _scores = context.Streams.For("scores", code);
        _recorder = context.RecorderFor(code);
        _writer = new ReferralWriter(context, context.Streams.For("appointments", code));
        _outcomes = new ProgrammeOutcomes(context, context.Streams.For("outcomes", code));
        _sources = Categorical.FromShares(parameters.Sources);
        _notTreatedEndings = Categorical.FromShares(parameters.NotTreatedEndings);
        _treatedEndings = Categorical.FromShares(parameters.TreatedEndingsOtherThanDropOut);
        _strata = context.Reference.Ethnicities.ToDictionary(e => e.EthnicityKey, e => new Strata(parameters.Code, e.BroadGroup));
        _people = context.PeopleFor(code,
            cell => cell.AgeBand.MaxAge < parameters.MinAge || cell.AgeBand.MinAge > parameters.MaxAge
                ? 0
                : parameters.Access.GetValueOrDefault(cell.Ethnicity.BroadGroup, 1) * parameters.AgeAccess.GetValueOrDefault(cell.AgeBand.Name, 0));
    }

    public ServiceParameters Parameters => _parameters;

    public void Refer(DateOnly referralDate)
    {
        var person = _people.Next();
        var plan = new ReferralPlan
        {
            Person = person,
            Service = _service,
            SourceCode = _sources.Draw(_random),
            ReferralDate = referralDate,
            Recorded = _recorder.Record(person, referralDate),
            DidNotAttend = _parameters.DidNotAttend,
            Cancelled = _parameters.Cancelled,
            SessionMinutes = _parameters.SessionMinutes,
        };

        var cut = _context.DataCut;
        var group = person.Ethnicity.BroadGroup;
        if (!_random.Chance(_parameters.Seen))
        {
            EndIfBefore(plan, referralDate.AddDays(_random.Int(30, 90)), _notTreatedEndings.Draw(_random), cut);
            Write(plan);
            return;
        }

        var firstContact = referralDate.AddDays(Math.Max(1, _random.LognormalDays(_parameters.WaitToFirstContactDays.Median, _parameters.WaitToFirstContactDays.P90)));
        if (firstContact > cut)
        {
            Write(plan);
            return;
        }

        plan.FirstContact = firstContact;
        var enters = _random.Chance(_context.ForDeprivation(_parameters.EnteredTreatment.GetValueOrDefault(group, 0.5), person.Area));
        if (!enters)
        {
            EndIfBefore(plan, firstContact.AddDays(_random.Int(0, 30)), _notTreatedEndings.Draw(_random), cut);
            Write(plan);
            return;
        }

        var wait = _random.LognormalDays(_parameters.WaitToTreatmentDays.Median, _parameters.WaitToTreatmentDays.P90);
        var start = referralDate.AddDays(wait);
        start = start < firstContact ? firstContact.AddDays(_random.Int(0, 7)) : start;
        if (start > cut)
        {
            Write(plan);
            return;
        }

        plan.TreatmentStart = start;
        var strata = _strata[plan.Recorded.EthnicityKey];
        var droppedOut = _context.Balanced.Next(
            strata.DroppedOut,
            _context.ForDeprivation(_parameters.DroppedOut.GetValueOrDefault(group, 0.25), person.Area, higherIsWorse: true));
        var sessions = droppedOut
            ? _random.Sessions(_parameters.DropOutSessions.Mean, 1, _parameters.DropOutSessions.Max)
            : _random.Sessions(_parameters.TreatmentSessions.Mean, 2, _parameters.TreatmentSessions.Max);

        var date = start;
        for (var i = 0; i < sessions && date <= cut; i++)
        {
            plan.Sessions.Add(date);
            date = date.AddDays(Math.Max(1, (int)Math.Round(_parameters.SessionIntervalDays + _random.Int(-3, 3))));
        }

        var ended = EndIfBefore(plan, plan.Sessions[^1].AddDays(_random.Int(0, 14)), droppedOut ? "47" : _treatedEndings.Draw(_random), cut);
        if (_service.Code == TalkingTherapies)
        {
            Score(plan, strata, ended);
        }

        var referral = Write(plan);
        if (ended && plan.EndingCode == "46" && _parameters.Outcome is { } outcome && _random.Chance(outcome.Share))
        {
            _outcomes.Write(referral, plan, outcome);
        }
    }

    private void Score(ReferralPlan plan, Strata strata, bool ended)
    {
        var tt = _context.Parameters.TalkingTherapies;
        var group = plan.Person.Ethnicity.BroadGroup;
        var area = plan.Person.Area;
        var atCaseness = _scores.Chance(tt.AtCaseness);
        var finished = ended && plan.Sessions.Count >= 2;
        if (!finished)
        {
            var (phq, gad) = TalkingTherapiesScores.First(_scores, atCaseness);
            (plan.FirstPhq9, plan.FirstGad7) = (phq, gad);
            plan.LastPhq9 = TalkingTherapiesScores.Progress(_scores, phq, 27, plan.Sessions.Count);
            plan.LastGad7 = TalkingTherapiesScores.Progress(_scores, gad, 21, plan.Sessions.Count);
            return;
        }

        var recovered = atCaseness && _context.Balanced.Next(
            strata.Recovered, _context.ForDeprivation(tt.Recovered.GetValueOrDefault(group, 0.5), area));
        var improvedChance = !atCaseness
            ? tt.ReliablyImprovedNotAtCaseness
            : recovered
                ? tt.ReliablyImprovedWhenRecovered
                : ImprovedWhenNotRecovered(tt, group, area);
        var reliablyImproved = _context.Balanced.Next(strata.Improved(atCaseness, recovered), improvedChance);

        var scores = TalkingTherapiesScores.Finished(_scores, atCaseness, recovered, reliablyImproved);
        (plan.FirstPhq9, plan.FirstGad7, plan.LastPhq9, plan.LastGad7) = (scores.FirstPhq9, scores.FirstGad7, scores.LastPhq9, scores.LastGad7);
    }

    /// <summary>
    /// The chance of reliable improvement without recovery that makes the group's overall rate among finished
    /// courses equal its target t: t = c (r w + (1 - r) x) + (1 - c) n, solved for x.
    /// </summary>
    private double ImprovedWhenNotRecovered(TalkingTherapiesParameters tt, string group, Area area)
    {
        var c = tt.AtCaseness;
        var r = _context.ForDeprivation(tt.Recovered.GetValueOrDefault(group, 0.5), area);
        var t = _context.ForDeprivation(tt.ReliablyImproved.GetValueOrDefault(group, 0.65), area);
        var x = ((t - (1 - c) * tt.ReliablyImprovedNotAtCaseness) / c - r * tt.ReliablyImprovedWhenRecovered) / (1 - r);
        return Math.Clamp(x, 0, 1);
    }

    private static bool EndIfBefore(ReferralPlan plan, DateOnly end, string endingCode, DateOnly cut)
    {
        if (end > cut)
        {
            return false;
        }

        plan.EndDate = end;
        plan.EndingCode = endingCode;
        return true;
    }

    private Referral Write(ReferralPlan plan) => _writer.Write(plan);

    /// <summary>Names of the balanced-sampling strata of one recorded broad ethnic group, made once.</summary>
    private sealed class Strata(string service, string group)
    {
        private readonly string[] _improved =
            [$"{service}:improved:{group}:0", $"{service}:improved:{group}:1", $"{service}:improved:{group}:2"];

        public string DroppedOut { get; } = $"{service}:dropout:{group}";

        public string Recovered { get; } = $"{service}:recovered:{group}";

        /// <summary>Reliable improvement is balanced separately for each starting point: not at caseness, not recovered, recovered.</summary>
        public string Improved(bool atCaseness, bool recovered) => _improved[!atCaseness ? 0 : recovered ? 2 : 1];
    }
}
