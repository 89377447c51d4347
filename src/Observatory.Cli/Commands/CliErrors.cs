using Spectre.Console;

namespace Observatory.Cli.Commands;

internal static class CliErrors
{
    /// <summary>Prints one clear line and returns the exit code for a failed command.</summary>
    public static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(message)}");
        return 1;
    }
}
