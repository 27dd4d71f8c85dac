using Spectre.Console;

namespace BulkResume.Cli.Hosting;

/// <summary>The Spectre console the process writes to: the terminal as it is, or, when stdout is redirected, plain text that never wraps.</summary>
internal static class CliConsole
{
    /// <summary>
    /// Wide enough that no line of ours wraps: a log or a pipe gets each line whole (a cursor split over three lines
    /// can't be grepped or pasted), and tables are as wide as their content.
    /// </summary>
    public const int UnwrappedWidth = 4096;

    public static IAnsiConsole ForStdout() => System.Console.IsOutputRedirected ? Redirected(System.Console.Out) : AnsiConsole.Console;

    /// <summary>A console for output that is not a terminal: no colours, no animation, no wrapping.</summary>
    public static IAnsiConsole Redirected(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
