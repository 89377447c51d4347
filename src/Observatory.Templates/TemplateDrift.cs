namespace Observatory.Templates;

/// <summary>How a folder differs from the files generation would write: missing, different and left-over files.</summary>
public static class TemplateDrift
{
    /// <returns>One line per difference ("missing: path", "differs: path at line N", "not generated: path"); none when the folder is current.</returns>
    public static IReadOnlyList<string> Find(string folder, IReadOnlyList<(string Path, string Text)> files)
    {
        var root = Path.GetFullPath(folder);
        var differences = new List<string>();
        foreach (var (path, text) in files)
        {
            var file = Path.Combine(root, path);
            if (!File.Exists(file))
            {
                differences.Add($"missing: {path}");
                continue;
            }

            var bytes = File.ReadAllBytes(file);
            if (!bytes.AsSpan().SequenceEqual(TemplateFiles.Utf8.GetBytes(text)))
            {
                var have = TemplateFiles.Utf8.GetString(bytes).Split('\n');
                var want = text.Split('\n');
                var line = Enumerable.Range(0, Math.Max(have.Length, want.Length)).First(i => i >= have.Length || i >= want.Length || have[i] != want[i]) + 1;
                differences.Add($"differs: {path} at line {line}");
            }
        }

        if (Directory.Exists(root))
        {
            var generated = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            differences.AddRange(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(p => !generated.Contains(p) && !TemplateFiles.HandWritten.Contains(p))
                .Order(StringComparer.Ordinal)
                .Select(p => $"not generated: {p}"));
        }

        return differences;
    }
}
