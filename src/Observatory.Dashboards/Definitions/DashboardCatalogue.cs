using Observatory.Indicators.Catalogue;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// The board dashboards: every file in <c>seed/dashboards/*.yaml</c>, each checked against the indicator catalogue
/// so a dashboard that names a missing indicator, or asks one for a breakdown or period it is not given by, stops the
/// load with the file and line at fault. Listed by order, then id.
/// </summary>
public sealed class DashboardCatalogue
{
    public DashboardCatalogue(IEnumerable<DashboardDefinition> dashboards)
    {
        Dashboards = [.. dashboards.OrderBy(d => d.Order).ThenBy(d => d.Id, StringComparer.Ordinal)];
        if (Dashboards.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Dashboard id '{duplicate.Key}' is given more than once.", nameof(dashboards));
        }
    }

    public IReadOnlyList<DashboardDefinition> Dashboards { get; }

    public DashboardDefinition? Find(string id) => Dashboards.FirstOrDefault(d => d.Id == id);

    /// <summary>The dashboards shipped with Observatory (copied beside the program under seed/dashboards).</summary>
    public static DashboardCatalogue Load(IndicatorCatalogue indicators) =>
        Load(Path.Combine(Warehouse.Reference.SeedDirectory.Path, "dashboards"), indicators);

    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="DashboardException">A file is not a dashboard the catalogue can draw; the message gives the file and line.</exception>
    public static DashboardCatalogue Load(string directory, IndicatorCatalogue indicators)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The dashboards folder {directory} is missing. Rebuild, or set OBSERVATORY_SEED_DIR to the repository's seed/ folder.");
        }

        // A .yml file would otherwise be skipped without a word.
        if (Directory.EnumerateFiles(directory, "*.yml").Order(StringComparer.Ordinal).FirstOrDefault() is { } yml)
        {
            throw new DashboardException(Path.GetFileName(yml), 1, "dashboard files end in .yaml; rename it so it is read");
        }

        return new(Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(path => DashboardReader.Read(path, indicators)));
    }
}
