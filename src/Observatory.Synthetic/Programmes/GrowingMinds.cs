using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.People;
using Observatory.Synthetic.Referrals;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse;
using Observatory.Warehouse.Model.Dimensions;
using Randomizer = Bogus.Randomizer;

namespace Observatory.Synthetic.Programmes;

/// <summary>
/// Growing Minds, commissioned for African and Caribbean heritage (ACH) families: counselling, NVR parenting,
/// Tree of Life in schools and MHFA instructor training. Programme sizes are not scaled, and the report's
/// figures (report-figures.csv) are built in exactly. Each programme draws from streams of its own.
/// </summary>
public sealed class GrowingMinds
{
    private readonly GenerationContext _context;
    private readonly GrowingMindsParameters _parameters;

    public GrowingMinds(GenerationContext context)
    {
        _context = context;
        _parameters = context.Parameters.GrowingMinds;
    }

    public void Write()
    {
        Counselling();
        NonViolentResistance();
        TreeOfLife();
        MentalHealthFirstAid();
    }

    /// <summary>Family Action counselling: up to 16 sessions; exactly the reported completions in the report window.</summary>
    private void Counselling()
    {
        var figure = _context.Figures["gm-fac-completed"];
        var programme = new Programme(_context, figure.Service);
        var parameters = _parameters.Counselling;
        var people = AchPeople(programme, minAge: 11, maxAge: 24);
        var random = programme.Random;
        var (from, to) = (figure.From!.Value, figure.To!.Value);
        var windowDays = to.DayNumber - from.DayNumber;

        void Course(DateOnly end, string ending, int sessions)
        {
            var plan = Plan(programme, people.Next(), "C2", end.AddDays(-7 * Math.Max(sessions, 1) - random.Int(20, 50)));
            plan.FirstContact = plan.ReferralDate.AddDays(random.Int(7, 21));
            AddWeeklySessions(plan, plan.FirstContact.Value.AddDays(7), sessions, end);
            Close(programme, plan, end, ending, parameters.Outcome);
        }

        // Completions inside the window: spread evenly, each ending on a day inside it.
        for (var i = 0; i < figure.Count; i++)
        {
            var end = from.AddDays((int)((i + random.Double()) * windowDays / figure.Count));
            Course(end, "46", random.Int(6, parameters.MaxSessions));
        }

        var others = (int)Math.Round(figure.Count * parameters.OtherEndingsPerCompletion);
        for (var i = 0; i < others; i++)
        {
            var sessions = random.Int(0, 3);
            Course(random.DayIn(from, to), sessions == 0 ? "14" : "47", sessions);
        }

        // After the report the service continued at a steady rate; anything still running at the cut stays open.
        var completions = new MonthlyVolume(_context.Parameters.Volume with { MonthOfYear = [], FinancialYear = [], Months = [] },
            parameters.CompletionsPerMonthAfterReport * 12, 1);
        for (var month = to.AddDays(1); month <= _context.DataCut; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            for (var i = completions.For(month); i > 0; i--)
            {
                var end = random.DayIn(month, last);
                Course(end, random.Chance(1 / (1 + parameters.OtherEndingsPerCompletion)) ? "46" : "47", random.Int(6, parameters.MaxSessions));
            }
        }
    }

    /// <summary>NVR parenting: 12-week tranches; the first tranches total the report's parents up to its date.</summary>
    private void NonViolentResistance()
    {
        var figure = _context.Figures["gm-nvr-parents"];
        var programme = new Programme(_context, figure.Service);
        var parameters = _parameters.Nvr;
        var people = AchPeople(programme, minAge: 25, maxAge: 54);
        var random = programme.Random;
        var early = parameters.TrancheStarts.Where(s => s <= figure.To!.Value).Order().ToList();
        if (early.Count == 0)
        {
            throw new WarehouseException("synthetic.json: no NVR tranche starts before the report's date.");
        }

        foreach (var (start, index) in parameters.TrancheStarts.Order().Select((s, i) => (s, i)))
        {
            if (start > _context.DataCut)
            {
                continue;
            }

            // Share the reported total across the early tranches: 35 over two gives 17 and 18.
            var starters = index < early.Count
                ? figure.Count * (index + 1) / early.Count - figure.Count * index / early.Count
                : parameters.LaterTrancheSize;
            for (var i = 0; i < starters + parameters.NotStartedPerTranche; i++)
            {
                var plan = Plan(programme, people.Next(), random.Chance(0.5) ? "C2" : "M7", start.AddDays(-random.Int(14, 60)));
                plan.FirstContact = start.AddDays(-random.Int(3, 10));
                if (i >= starters)
                {
                    Close(programme, plan, start.AddDays(random.Int(0, 14)), "14", null);
                    continue;
                }

                var completes = random.Chance(0.85);
                var end = start.AddDays(7 * parameters.Weeks);
                AddWeeklySessions(plan, start, completes ? random.Int(9, parameters.Weeks) : random.Int(1, 5), end);
                Close(programme, plan, completes ? end : plan.Sessions[^1].AddDays(7), completes ? "46" : "47", parameters.Outcome);
            }
        }
    }

    /// <summary>Tree of Life: groups of young people in the participating schools; the report's questionnaires exactly.</summary>
    private void TreeOfLife()
    {
        var approached = _context.Reference.Schools.Count(s => s.Approached);
        var participating = _context.Reference.Schools.Where(s => s.Participating).OrderBy(s => s.SchoolKey).ToList();
        RequireFigure("gm-tol-schools-approached", approached, "schools.csv (approached)");
        RequireFigure("gm-tol-schools-participating", participating.Count, "schools.csv (participating)");

        var figure = _context.Figures["gm-tol-questionnaires"];
        var programme = new Programme(_context, figure.Service);
        var parameters = _parameters.TreeOfLife;
        var people = AchPeople(programme, minAge: 11, maxAge: 17);
        var random = programme.Random;
        var groupWeeks = 6;
        var span = parameters.End.DayNumber - parameters.Start.DayNumber - 7 * groupWeeks;
        var participants = participating.Count * parameters.ParticipantsPerSchool;
        if (participants < figure.Count)
        {
            throw new WarehouseException("synthetic.json: Tree of Life has fewer participants than reported questionnaires.");
        }

        // Which participants return both questionnaires: exactly the reported number, chosen at random.
        var withQuestionnaires = random.Shuffle(Enumerable.Range(0, participants)).Take(figure.Count).ToHashSet();
        var participant = 0;
        foreach (var (school, index) in participating.Select((s, i) => (s, i)))
        {
            var start = parameters.Start.AddDays(span * index / participating.Count);
            for (var i = 0; i < parameters.ParticipantsPerSchool; i++, participant++)
            {
                var plan = Plan(programme, people.Next(), "C2", start.AddDays(-random.Int(7, 28)));
                plan.FirstContact = start;
                var completes = withQuestionnaires.Contains(participant) || random.Chance(0.7);
                var end = start.AddDays(7 * groupWeeks);
                AddWeeklySessions(plan, start, completes ? groupWeeks : random.Int(1, 3), end);
                var referral = programme.Writer.Write(Ended(plan, completes ? end : plan.Sessions[^1].AddDays(7), completes ? "46" : "47"));
                if (withQuestionnaires.Contains(participant))
                {
                    programme.Outcomes.Write(referral, plan, parameters.Outcome, school.SchoolKey);
                }
            }
        }
    }

    /// <summary>MHFA instructor training: small cohorts of community members.</summary>
    private void MentalHealthFirstAid()
    {
        var programme = new Programme(_context, "GM-MHFA");
        var parameters = _parameters.MentalHealthFirstAid;
        var people = _context.PeopleFor(programme.Service.Code,
            c => c.AgeBand.MinAge is >= 25 and <= 64 ? (c.Ethnicity.IsAfricanCaribbeanHeritage ? 4 : 1) : 0, rereferralShare: 0);
        var random = programme.Random;
        foreach (var start in parameters.Cohorts.Where(c => c <= _context.DataCut))
        {
            for (var i = 0; i < parameters.InstructorsPerCohort; i++)
            {
                var plan = Plan(programme, people.Next(), "M7", start.AddDays(-random.Int(14, 45)));
                plan.FirstContact = start;
                AddWeeklySessions(plan, start, 4, start.AddDays(28));
                Close(programme, plan, start.AddDays(28), "46", null);
            }
        }
    }

    private PersonPool AchPeople(Programme programme, int minAge, int maxAge) =>
        _context.PeopleFor(programme.Service.Code,
            c => c.Ethnicity.IsAfricanCaribbeanHeritage && c.AgeBand.MaxAge >= minAge && c.AgeBand.MinAge <= maxAge ? 1 : 0,
            rereferralShare: 0);

    private ReferralPlan Plan(Programme programme, Person person, string source, DateOnly referralDate)
    {
        // The extract holds referrals from the start of its period: earlier ones are dated at its first day.
        var periodStart = _context.Parameters.Period.Start;
        var date = referralDate < periodStart ? periodStart : referralDate;
        return new ReferralPlan
        {
            Person = person,
            Service = programme.Service,
            SourceCode = source,
            ReferralDate = date,
            // Ethnicity is part of eligibility for programmes commissioned for ACH families, so it is always recorded.
            Recorded = programme.Recorder.Record(person, date, alwaysRecordEthnicity: true),
            DidNotAttend = 0.08,
            Cancelled = 0.05,
            SessionMinutes = 60,
        };
    }

    /// <summary>Weekly sessions from <paramref name="start"/>, none after <paramref name="notAfter"/> or the data cut.</summary>
    private void AddWeeklySessions(ReferralPlan plan, DateOnly start, int sessions, DateOnly notAfter)
    {
        var last = notAfter < _context.DataCut ? notAfter : _context.DataCut;
        for (var i = 0; i < sessions && start.AddDays(7 * i) <= last; i++)
        {
            plan.Sessions.Add(start.AddDays(7 * i));
        }

        plan.TreatmentStart = plan.Sessions.Count > 0 ? start : null;
    }

    private ReferralPlan Ended(ReferralPlan plan, DateOnly end, string ending)
    {
        if (end <= _context.DataCut)
        {
            plan.EndDate = end;
            plan.EndingCode = ending;
        }

        return plan;
    }

    private void Close(Programme programme, ReferralPlan plan, DateOnly end, string ending, OutcomeParameters? outcome)
    {
        var referral = programme.Writer.Write(Ended(plan, end, ending));
        if (outcome is not null && plan.EndingCode == "46")
        {
            programme.Outcomes.Write(referral, plan, outcome);
        }
    }

    private void RequireFigure(string id, int actual, string where)
    {
        var expected = _context.Figures[id].Count;
        if (expected != actual)
        {
            throw new WarehouseException($"{where} gives {actual} but report-figures.csv '{id}' says {expected}.");
        }
    }

    /// <summary>
    /// A programme's service with the streams it owns: <c>programme:</c> and its code for the course of each
    /// referral, and its own recording, appointments and outcomes.
    /// </summary>
    private sealed class Programme(GenerationContext context, string serviceCode)
    {
        public Service Service { get; } = context.Service(serviceCode);
        public Randomizer Random { get; } = context.Streams.For("programme", serviceCode);
        public Recorder Recorder { get; } = context.RecorderFor(serviceCode);
        public ReferralWriter Writer { get; } = new(context, context.Streams.For("appointments", serviceCode));
        public ProgrammeOutcomes Outcomes { get; } = new(context, context.Streams.For("outcomes", serviceCode));
    }
}
