namespace Observatory.Reports.Rendering;

/// <summary>The files a report page needs (the chart library, its script and style sheet), embedded in this assembly.</summary>
public static class ReportAssets
{
    /// <summary>Where the host serves them.</summary>
    public const string Path = "/reports/assets";

    public const string ChartLibrary = "echarts.min.js";
    public const string Script = "report.js";
    public const string StyleSheet = "report.css";

    public static AssetBundle Bundle { get; } = new(typeof(ReportAssets).Assembly, Path, ChartLibrary, Script, StyleSheet);

    public static string Text(string name) => Bundle.Text(name);
}
