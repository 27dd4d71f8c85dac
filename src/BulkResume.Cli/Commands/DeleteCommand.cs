using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>delete</c>: remove the selection from the DLQ without running it again, from here or as a bulk action on the service (<c>--async</c>).</summary>
internal static class DeleteCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine)
    {
        var filters = new FilterOptions();
        var concurrency = new ConcurrencyOption();
        var asyncOptions = new AsyncOptions();
        var bulk = new BulkActionOptions();
        var output = new OutputOptions();
        var command = new Command("delete", "Delete the selected DLQ entries; their runs are not resumed. Deleted entries can't be brought back.");
        filters.AddTo(command);
        concurrency.AddTo(command);
        asyncOptions.AddTo(command);
        bulk.AddTo(command);
        output.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            output.IsJson(parse),
            Func<CommandContext, Task<int>> (now) =>
            {
                var mode = asyncOptions.Read(parse, target.Read(parse).Demo);
                var selection = FilterBuilder.Build(filters.Read(parse), now, command.Name, requireSelection: true);
                var flags = bulk.Read(parse, output.ReadLimit(parse));
                if (mode is { } watch)
                {
                    return context => BulkActionStart.ExecuteAsync(context, new ActionPlan(BulkVerb.Delete, selection, flags, watch, (dlq, abort) => dlq.StartBulkDeleteAsync(selection.Filter, abort)));
                }

                var plan = new DeletePlan(selection, concurrency.Read(parse), flags);
                return context => BulkDelete.ExecuteAsync(context, plan);
            },
            (context, execute) => execute(context)));
        return command;
    }
}
