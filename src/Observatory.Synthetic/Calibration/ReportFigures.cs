using Observatory.Warehouse;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.Calibration;

/// <summary>
/// The progress report's own figures (seed/calibration/report-figures.csv). The generator makes each one hold
/// exactly in every synthetic warehouse, whatever the seed or scale; the tests read the same file.
/// </summary>
public sealed class ReportFigures
{
    private readonly Dictionary<string, ReportFigure> _figures;

    private ReportFigures(IEnumerable<ReportFigure> figures) => _figures = figures.ToDictionary(f => f.Id);

    public IReadOnlyCollection<ReportFigure> All => _figures.Values;

    public ReportFigure this[string id] =>
        _figures.TryGetValue(id, out var figure)
            ? figure
            : throw new WarehouseException($"report-figures.csv has no figure '{id}'.");

    public static ReportFigures Load() =>
        new(CsvFiles.Read<ReportFigure>(SeedDirectory.File("calibration", "report-figures.csv")));
}

public sealed class ReportFigure
{
    public string Id { get; set; } = "";
    public string Service { get; set; } = "";
    public string Figure { get; set; } = "";
    public double Value { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string Quote { get; set; } = "";

    public int Count => (int)Value;
}
