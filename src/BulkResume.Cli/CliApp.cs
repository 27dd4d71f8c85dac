using System.CommandLine;
using BulkResume.Cli.Commands;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli;

/// <summary>The command tree and its invocation: what <c>Program</c> runs and what the tests call with their own environment.</summary>
internal static class CliApp
{
    /// <summary>The executable's name, as help and messages show it.</summary>
    public const string Name = "bulkresume";

    /// <summary>Parses <paramref name="args"/>, reports bad arguments with exit code 2, and runs the command.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = CreateRootCommand(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            var command = parse.CommandResult.Command;
            var usage = command == root ? Name : $"{Name} {command.Name}";
            await environment.Error.WriteLineAsync($"Run '{usage} --help' for the flags.");
            return ExitCodes.BadArguments;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            // The CLI handles Ctrl+C itself (ConsoleStopSignal): it stops between pages instead of aborting one in flight.
            ProcessTerminationTimeout = null,
        });
    }

    private static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand(
            "Operate the workflow Dead Letter Queue: list failed runs, then resume, restart or delete them in bulk. "
            + "Uses QSTASH_TOKEN (and QSTASH_URL) when set; otherwise an embedded engine seeded with demo data.")
        {
            ListCommand.Create(environment),
            RunCommand.Create(environment, BulkRunKind.Resume),
            RunCommand.Create(environment, BulkRunKind.Restart),
            DeleteCommand.Create(environment),
        };
        return root;
    }
}
