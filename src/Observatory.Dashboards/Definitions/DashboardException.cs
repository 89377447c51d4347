namespace Observatory.Dashboards.Definitions;

/// <summary>
/// A dashboard file that cannot be shown. The message starts with the file's name and the line at fault
/// ("talking-therapies.yaml, line 14: ..."), then says what is wrong and what is allowed.
/// </summary>
public sealed class DashboardException(string file, int line, string problem) : Exception($"{file}, line {line}: {problem}")
{
    /// <summary>The file's name (not its path), e.g. talking-therapies.yaml.</summary>
    public string File { get; } = file;

    public int Line { get; } = line;
}
