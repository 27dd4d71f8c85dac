using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>resume</c> and <c>restart</c>: act on the selection page by page as new runs, or start a bulk action on the service (<c>--async</c>).</summary>
internal static class RunCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine, BulkRunKind kind)
    {
        var filters = new FilterOptions();
        var overrides = new RunOverrideOptions();
        var concurrency = new ConcurrencyOption();
        var asyncOptions = new AsyncOptions();
        var bulk = new BulkActionOptions();
        var output = new OutputOptions();
        var command = new Command(kind.Verb.Name, kind.Description);
        filters.AddTo(command);
        overrides.AddTo(command);
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
                // First: a flag that --async refuses is told as such, not as a problem of its own.
                var mode = asyncOptions.Read(parse, target.Read(parse).Demo);
                var selection = FilterBuilder.Build(filters.Read(parse), now, command.Name, requireSelection: true);
                var flags = bulk.Read(parse, output.ReadLimit(parse));
                if (mode is { } watch)
                {
                    var options = overrides.ReadOptions(parse, concurrency: null);
                    return context => BulkActionStart.ExecuteAsync(context, new ActionPlan(kind.Verb, selection, flags, watch, (dlq, abort) => kind.StartAction(dlq, selection.Filter, options, abort)));
                }

                var plan = new RunPlan(selection, overrides.ReadOptions(parse, concurrency.Read(parse)), overrides.ReadResumeFrom(parse, concurrency.Read(parse)), flags);
                return context => BulkRun.ExecuteAsync(context, kind, plan);
            },
            (context, execute) => execute(context)));
        return command;
    }
}
