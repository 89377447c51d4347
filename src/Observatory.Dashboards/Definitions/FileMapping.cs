using YamlDotNet.RepresentationModel;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// One mapping of a dashboard file (the dashboard, its defaults, a page, a tile), read key by key. Only the keys the
/// format allows are accepted, so a misspelt key is reported instead of silently ignored, and every value keeps its
/// line so a message can point at it.
/// </summary>
internal sealed class FileMapping
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, YamlNode> _values;

    private FileMapping(string file, string name, YamlMappingNode node, Dictionary<string, YamlNode> values)
    {
        File = file;
        Name = name;
        _node = node;
        _values = values;
    }

    public string File { get; }

    /// <summary>What the mapping is, for messages: "the dashboard", "a page", "tile 'recovery'".</summary>
    public string Name { get; }

    public int Line => FileLine(_node);

    /// <param name="name">What the mapping is ("a tile"); the keys' list is introduced as "{name}'s keys".</param>
    /// <param name="keys">The keys the format allows, in the order the README lists them.</param>
    public static FileMapping Read(string file, YamlNode node, string name, IReadOnlyList<string> keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw new DashboardException(file, FileLine(node), $"{name} must be a set of 'key: value' lines ({string.Join(", ", keys)})");
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var text = key is YamlScalarNode { Value: { } scalar } ? scalar : key.ToString();
            if (!keys.Contains(text, StringComparer.Ordinal))
            {
                throw new DashboardException(file, FileLine(key),
                    $"unknown key '{text}'; {name}'s keys are {string.Join(", ", keys)}{NearestName.Suggestion(text, keys)}");
            }

            values[text] = value;
        }

        return new FileMapping(file, name, mapping, values);
    }

    /// <summary>The same mapping, called by its id in messages once that is known.</summary>
    public FileMapping Named(string name) => new(File, name, _node, _values);

    public bool Has(string key) => _values.ContainsKey(key);

    public YamlNode? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>The line of a key's value, or of the mapping when the key is absent.</summary>
    public int LineOf(string key) => _values.TryGetValue(key, out var value) ? FileLine(value) : Line;

    /// <summary>A single value, or null when the key is absent or left empty.</summary>
    public string? Text(string key) => _values.TryGetValue(key, out var value) ? Scalar(key, value) : null;

    /// <param name="allowed">What the value may be, for the message when it is missing.</param>
    public string Required(string key, string allowed) =>
        Text(key) ?? throw new DashboardException(File, Line, $"{Name} has no '{key}': {allowed}");

    /// <summary>The items of a list, or none when the key is absent.</summary>
    public IReadOnlyList<YamlNode> List(string key) => _values.TryGetValue(key, out var value) switch
    {
        false => [],
        true when value is YamlSequenceNode sequence => [.. sequence.Children],
        true when value is YamlScalarNode { Value: null or "" } => [],
        _ => throw Error(key, $"'{key}' must be a list, e.g. [a, b] or one '- item' a line"),
    };

    /// <summary>A list of single values (ids), each with its own line.</summary>
    public IReadOnlyList<(string Text, int Line)> Words(string key) =>
        [.. List(key).Select(item => (Scalar(key, item) ?? throw At(item, $"'{key}' has an empty item"), FileLine(item)))];

    public DashboardException Error(string key, string problem) => new(File, LineOf(key), problem);

    public DashboardException At(YamlNode node, string problem) => new(File, FileLine(node), problem);

    public DashboardException At(int line, string problem) => new(File, line, problem);

    private string? Scalar(string key, YamlNode node) => node is YamlScalarNode scalar
        ? string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim()
        : throw At(node, $"'{key}' must be a single value, not a {(node is YamlSequenceNode ? "list" : "set of keys")}");

    private static int FileLine(YamlNode node) => (int)node.Start.Line;
}
