using Observatory.Synthetic;
using Observatory.Synthetic.Calibration;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Tests.Synthetic;

/// <summary>
/// Each generator draws from streams of its own: changing how one stream draws (here by changing a parameter of
/// NHS Talking Therapies) changes what that stream decides and nothing else. With one randomizer shared by every
/// generator, each of these comparisons would fail from the first changed draw on.
/// </summary>
public class StreamIndependenceTests
{
    private const int Seed = 11;
    private const double Scale = 0.05;
    private static readonly string[] PathwayDecisions =
    [
        nameof(Referral.ReferralSourceKey), nameof(Referral.FirstContactDateKey), nameof(Referral.TreatmentStartDateKey),
        nameof(Referral.EndDateKey), nameof(Referral.EndReasonKey), nameof(Referral.WaitToFirstContactDays), nameof(Referral.WaitToTreatmentDays),
        nameof(Referral.SessionsAttended), nameof(Referral.SessionsMissed), nameof(Referral.SessionsCancelled),
        nameof(Referral.FirstPhq9), nameof(Referral.LastPhq9), nameof(Referral.FirstGad7), nameof(Referral.LastGad7),
        nameof(Referral.EnteredTreatment), nameof(Referral.FinishedTreatment), nameof(Referral.DroppedOut), nameof(Referral.AtCaseness),
        nameof(Referral.FinishedAtCaseness), nameof(Referral.Recovered), nameof(Referral.ReliablyImproved), nameof(Referral.ReliablyRecovered),
    ];

    [Fact]
    public void ChangingOneServicesPathwayLeavesEveryOtherStreamAsItWas()
    {
        var before = Generate(_ => { });
        var after = Generate(parameters => Change(parameters, "TT", tt => tt with { Seen = tt.Seen - 0.2 }));
        var tt = before.ServiceKey("TT");

        // The pathway's own decisions changed ...
        Assert.NotEqual(Rows(before.Referrals(tt)), Rows(after.Referrals(tt)));
        // ... but not who was referred, when, or what the service recorded of them (streams people, residents,
        // recording and referral-days of the same service).
        Assert.Equal(Rows(before.Referrals(tt), PathwayDecisions), Rows(after.Referrals(tt), PathwayDecisions));
        // Every other service, programme and the SMI register generated exactly what they did before.
        Assert.Equal(Rows(before.Referrals(except: tt)), Rows(after.Referrals(except: tt)));
        Assert.Equal(Rows(before.Appointments(except: tt), nameof(Appointment.AppointmentId)),
            Rows(after.Appointments(except: tt), nameof(Appointment.AppointmentId)));
        Assert.Equal(Rows(before.Of<ProgrammeOutcome>()), Rows(after.Of<ProgrammeOutcome>()));
        Assert.Equal(Rows(before.Of<HealthCheck>()), Rows(after.Of<HealthCheck>()));
    }

    [Fact]
    public void ChangingOneServicesAppointmentsLeavesItsPathwayAndEveryOtherServiceAsTheyWere()
    {
        var before = Generate(_ => { });
        var after = Generate(parameters => Change(parameters, "TT", tt => tt with { DidNotAttend = tt.DidNotAttend + 0.2 }));
        var tt = before.ServiceKey("TT");

        Assert.NotEqual(Rows(before.Appointments(tt), nameof(Appointment.AppointmentId)), Rows(after.Appointments(tt), nameof(Appointment.AppointmentId)));
        // A referral counts its missed and cancelled appointments; nothing else about it comes from the appointments stream.
        string[] counted = [nameof(Referral.SessionsMissed), nameof(Referral.SessionsCancelled)];
        Assert.Equal(Rows(before.Referrals(tt), counted), Rows(after.Referrals(tt), counted));
        Assert.Equal(Rows(before.Referrals(except: tt)), Rows(after.Referrals(except: tt)));
        Assert.Equal(Rows(before.Appointments(except: tt), nameof(Appointment.AppointmentId)),
            Rows(after.Appointments(except: tt), nameof(Appointment.AppointmentId)));
    }

    private static Generated Generate(Action<SyntheticParameters> change)
    {
        var parameters = SyntheticParameters.Load();
        change(parameters);
        var rows = new Generated();
        new SyntheticWarehouse(Seed, Scale, parameters).WriteTo(rows, TestContext.Current.CancellationToken);
        return rows;
    }

    private static void Change(SyntheticParameters parameters, string service, Func<ServiceParameters, ServiceParameters> change)
    {
        var index = parameters.Services.FindIndex(s => s.Code == service);
        parameters.Services[index] = change(parameters.Services[index]);
    }

    /// <summary>Each row as the text of its values (navigations aside), without the named properties.</summary>
    private static List<string> Rows<T>(IEnumerable<T> rows, params string[] without)
    {
        var properties = typeof(T).GetProperties()
            .Where(p => (p.PropertyType.IsValueType || p.PropertyType == typeof(string)) && !without.Contains(p.Name))
            .ToList();
        return [.. rows.Select(row => string.Join("|", properties.Select(p => $"{p.Name}={p.GetValue(row)}")))];
    }

    /// <summary>Every row the generator wrote, kept in memory.</summary>
    private sealed class Generated : IWarehouseSink
    {
        private readonly Dictionary<Type, object> _tables = [];

        public ITableSink<T> Table<T>() where T : class
        {
            if (!_tables.TryGetValue(typeof(T), out var table))
            {
                table = new Collected<T>();
                _tables.Add(typeof(T), table);
            }

            return (Collected<T>)table;
        }

        public List<T> Of<T>() where T : class => ((Collected<T>)Table<T>()).Rows;

        public int ServiceKey(string code) => Of<Service>().Single(s => s.Code == code).ServiceKey;

        public IEnumerable<Referral> Referrals(int? service = null, int? except = null) =>
            Of<Referral>().Where(r => (service is null || r.ServiceKey == service) && r.ServiceKey != except);

        public IEnumerable<Appointment> Appointments(int? service = null, int? except = null) =>
            Of<Appointment>().Where(a => (service is null || a.ServiceKey == service) && a.ServiceKey != except);
    }

    private sealed class Collected<T> : ITableSink<T>
    {
        public List<T> Rows { get; } = [];

        public void Add(T row) => Rows.Add(row);
    }
}
