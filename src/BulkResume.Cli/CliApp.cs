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
    public static Task<int> RunAsync(string[] args, CliEnvironment environment) =>
        CommandLineErrors.InvokeAsync(
            CreateRootCommand(environment, args),
            Name,
            args,
            environment.Out,
            environment.Error,
            // The CLI handles Ctrl+C itself (ConsoleStopSignal): it stops between pages instead of aborting one in flight.
            new InvocationConfiguration { ProcessTerminationTimeout = null });

    private static RootCommand CreateRootCommand(CliEnvironment environment, IReadOnlyList<string> commandLine)
    {
        var target = new TargetOptions();
        var root = new RootCommand(
            "Operate the workflow Dead Letter Queue: list failed runs, then resume, restart or delete them in bulk, from here or as bulk actions the service runs (--async, actions); cancel runs in progress (runs cancel). "
            + "Acts on the service at --url (or QSTASH_URL) with the token of --token (or QSTASH_TOKEN); --demo tries it on an embedded demo DLQ.")
        {
            ListCommand.Create(environment, target, commandLine),
            RunCommand.Create(environment, target, commandLine, BulkRunKind.Resume),
            RunCommand.Create(environment, target, commandLine, BulkRunKind.Restart),
            DeleteCommand.Create(environment, target, commandLine),
            ActionsCommand.Create(environment, target, commandLine),
            RunsCommand.Create(environment, target, commandLine),
        };
        target.AddTo(root);
        return root;
    }
}
