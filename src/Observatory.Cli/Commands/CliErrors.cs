using Spectre.Console;

namespace Observatory.Cli.Commands;

internal static class CliErrors
{
    /// <summary>Errors go to standard error, unwrapped when it is not a terminal (a log or a script reads whole lines).</summary>
    private static readonly IAnsiConsole Error = CreateError();

    /// <summary>Prints one clear line and returns the exit code for a failed command.</summary>
    public static int Fail(string message)
    {
        Error.MarkupLine($"[red]Error:[/] {Markup.Escape(message)}");
        return 1;
    }

    private static IAnsiConsole CreateError()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            console.Profile.Width = 10_000;
        }

        return console;
    }
}
