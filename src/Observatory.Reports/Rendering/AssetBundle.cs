using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Observatory.Reports.Rendering;

/// <summary>
/// Files a page needs (scripts, style sheets), embedded in an assembly as <c>assets/{name}</c> at build time: served by
/// the host from memory with a content hash as entity tag, or inlined into a self-contained file.
/// </summary>
public sealed class AssetBundle
{
    private readonly FrozenDictionary<string, byte[]> _files;
    private readonly FrozenDictionary<string, string> _versions;
    private readonly FrozenDictionary<string, byte[]> _gzipped;

    public AssetBundle(Assembly assembly, string path, params string[] names)
    {
        Path = path;
        _files = names.ToFrozenDictionary(name => name, name => Read(assembly, name));
        _versions = _files.ToFrozenDictionary(f => f.Key, f => Convert.ToHexStringLower(SHA256.HashData(f.Value))[..16]);
        _gzipped = _files.ToFrozenDictionary(f => f.Key, f => Gzip(f.Value));
    }

    /// <summary>Where the host serves them.</summary>
    public string Path { get; }

    public IEnumerable<string> Names => _files.Keys;

    public bool TryGet(string name, out byte[] content) => _files.TryGetValue(name, out content!);

    /// <summary>The file gzipped once at start, for clients that accept it (the chart library and the dashboards' script shrink to a third).</summary>
    public byte[] Gzipped(string name) => _gzipped[name];

    /// <summary>A short hash of the content, as its entity tag and cache-busting query.</summary>
    public string Version(string name) => _versions[name];

    public string Text(string name) => System.Text.Encoding.UTF8.GetString(_files[name]);

    /// <summary>The address of a file, with its version so a new build is never read from a stale cache.</summary>
    public string Url(string name) => $"{Path}/{name}?v={Version(name)}";

    public static string ContentType(string name) => name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(memory, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"assets/{name}")
            ?? throw new InvalidOperationException($"The asset {name} is not embedded in {assembly.GetName().Name}: build that project.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
