using System.CommandLine;
using System.CommandLine.Invocation;

namespace BulkResume;

/// <summary>
/// How both programs answer bad arguments: System.CommandLine's own messages and typo suggestions ("Did you mean"),
/// then where the flags are described; exit code 2 and nothing started. Shared source, compiled into each program.
/// </summary>
internal static class CommandLineErrors
{
    /// <summary>The exit code of a command line that was refused before anything ran.</summary>
    public const int BadArguments = 2;

    /// <summary>Parses and runs <paramref name="root"/>, or reports its parse errors on <paramref name="error"/> and returns 2.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string name, string[] args, TextWriter output, TextWriter error, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        configuration.Output = output;
        configuration.Error = error;
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }

        if (parse.Action is ParseErrorAction action)
        {
            action.ShowHelp = false;
            action.ShowTypoCorrections = true;
        }

        await parse.InvokeAsync(new InvocationConfiguration { Output = error, Error = error }).ConfigureAwait(false);
        Command command = parse.CommandResult.Command;
        await error.WriteLineAsync($"Run '{(command == root ? name : $"{name} {command.Name}")} --help' for the flags.").ConfigureAwait(false);
        return BadArguments;
    }
}
