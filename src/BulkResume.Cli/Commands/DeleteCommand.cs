using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>delete</c>: remove the selection from the DLQ without running it again.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine)
    {
        var filters = new FilterOptions();
        var concurrency = new ConcurrencyOption();
        var bulk = new BulkActionOptions();
        var output = new OutputOptions();
        var command = new Command("delete", "Delete the selected DLQ entries; their runs are not resumed. Deleted entries can't be brought back.");
        filters.AddTo(command);
        concurrency.AddTo(command);
        bulk.AddTo(command);
        output.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            output.IsJson(parse),
            now => new DeletePlan(
                FilterBuilder.Build(filters.Read(parse), now, command.Name, requireSelection: true),
                concurrency.Read(parse),
                bulk.Read(parse, output.ReadLimit(parse))),
            (context, plan) => BulkDelete.ExecuteAsync(context, plan)));
        return command;
    }
}
