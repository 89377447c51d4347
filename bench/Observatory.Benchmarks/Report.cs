using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Observatory.Benchmarks;

internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> results)
    {
        var table = new Table().AddColumns("Measurement", "Value", "Compared with", "Ratio", "Target", "Met");
        foreach (var m in results)
        {
            table.AddRow(
                Markup.Escape(m.What), Markup.Escape(Value(m)), Markup.Escape(Baseline(m)),
                m.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "", Markup.Escape(m.Target ?? ""),
                m.Met switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "" });
        }

        AnsiConsole.Write(table);
    }

    public static string Markdown(IReadOnlyList<Measurement> results, BenchmarkSettings settings)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Scale {settings.Scale}, {Environment.ProcessorCount} cores, median of {settings.Repeat} runs for latencies, {DateTime.UtcNow:yyyy-MM-dd}.")
            .AppendLine()
            .AppendLine("| Measurement | Value | Compared with | Ratio | Target | Met |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var m in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.What} | {Value(m)} | {Baseline(m)} | {(m.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "")} | {m.Target} | {m.Met switch { true => "yes", false => "no", _ => "" }} |");
        }

        return text.ToString();
    }

    private static string Value(Measurement m) => Format(m.Value, m.Unit) + Range(m.Spread, m.Unit);

    private static string Baseline(Measurement m) => m.Baseline is { } b ? $"{m.ComparedWith} {Format(b, m.Unit)}{Range(m.BaselineSpread, m.Unit)}" : "";

    private static string Range((double Min, double Max)? spread, string unit) =>
        spread is { } s ? $" ({Format(s.Min, unit)} to {Format(s.Max, unit)})" : "";

    private static string Format(double value, string unit) => unit switch
    {
        "rows" or "rows/s" => value.ToString("N0", CultureInfo.InvariantCulture) + (unit == "rows" ? "" : " rows/s"),
        "ms" => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => value.ToString("0.0", CultureInfo.InvariantCulture) + " " + unit,
    };
}
