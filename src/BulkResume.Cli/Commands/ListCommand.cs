using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Commands;

/// <summary><c>list</c>: the entries a filter selects.</summary>
/// <remarks>Changes nothing.</remarks>
internal static class ListCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine)
    {
        var filters = new FilterOptions();
        var output = new OutputOptions();
        var command = new Command("list", "List the DLQ entries the filters select (every entry without a filter). Changes nothing.");
        filters.AddTo(command);
        output.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            output.IsJson(parse),
            now => (Selection: FilterBuilder.Build(filters.Read(parse), now, command.Name, requireSelection: false), Limit: output.ReadLimit(parse)),
            async (context, plan) =>
            {
                var preview = await SelectionPreview.LoadAsync(context.Dlq, plan.Selection.Filter, plan.Limit, environment.StopRequested);
                SelectionView.Write(context, command.Name, plan.Selection, preview, dryRunOf: null);
                return ExitCodes.Done;
            }));
        return command;
    }
}
