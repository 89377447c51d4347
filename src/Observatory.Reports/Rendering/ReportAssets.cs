using System.Collections.Frozen;

namespace Observatory.Reports.Rendering;

/// <summary>
/// The files a report page needs (the chart library, its script and style sheet), embedded in this assembly:
/// served by the host under <see cref="Path"/>, or inlined into a self-contained file.
/// </summary>
public static class ReportAssets
{
    /// <summary>Where the host serves them.</summary>
    public const string Path = "/reports/assets";

    public const string ChartLibrary = "echarts.min.js";
    public const string Script = "report.js";
    public const string StyleSheet = "report.css";

    private static readonly FrozenDictionary<string, byte[]> Files = new[] { ChartLibrary, Script, StyleSheet }.ToFrozenDictionary(name => name, Read);

    private static readonly FrozenDictionary<string, string> Versions =
        Files.ToFrozenDictionary(f => f.Key, f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Value))[..16]);

    public static IEnumerable<string> Names => Files.Keys;

    public static bool TryGet(string name, out byte[] content) => Files.TryGetValue(name, out content!);

    /// <summary>A short hash of the content, as its entity tag.</summary>
    public static string Version(string name) => Versions[name];

    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Files[name]);

    public static string ContentType(string name) => name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";

    private static byte[] Read(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream($"assets/{name}")
            ?? throw new InvalidOperationException($"The report asset {name} is not embedded: build the Observatory.Reports project.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
