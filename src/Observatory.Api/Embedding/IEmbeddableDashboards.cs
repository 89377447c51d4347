using Observatory.Dashboards.Definitions;

namespace Observatory.Api.Embedding;

/// <summary>The dashboards an embed token may be minted for, and the indicators each shows (which its token reads).</summary>
public interface IEmbeddableDashboards
{
    /// <returns>The dashboard with that id, or null when there is none.</returns>
    DashboardDefinition? Find(string id);
}

/// <summary>
/// Knows no dashboard, so no embed token can be minted: the stand-in until the dashboard catalogue
/// (seed/dashboards/*.yaml) is served, when an implementation over it replaces this one.
/// </summary>
public sealed class NoEmbeddableDashboards : IEmbeddableDashboards
{
    public DashboardDefinition? Find(string id) => null;
}
