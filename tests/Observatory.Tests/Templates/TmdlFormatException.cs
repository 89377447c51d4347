namespace Observatory.Tests.Templates;

/// <summary>Text that is not TMDL, with the file and line Power BI Desktop would report it at.</summary>
public sealed class TmdlFormatException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
