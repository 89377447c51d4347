namespace Observatory.Templates.Excel;

/// <summary>A query an Excel workbook loads: its name (the worksheet table's), what it returns, and its M.</summary>
public sealed record ExcelQuery(string File, string Name, string Description, IReadOnlyList<string> Formula)
{
    public string Text => string.Join("\n", Formula) + "\n";
}
