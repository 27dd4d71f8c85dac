using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>resume</c> and <c>restart</c>: act on the selection page by page, as new runs.</summary>
internal static class RunCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine, BulkRunKind kind)
    {
        var filters = new FilterOptions();
        var overrides = new RunOverrideOptions();
        var concurrency = new ConcurrencyOption();
        var bulk = new BulkActionOptions();
        var output = new OutputOptions();
        var command = new Command(kind.Verb.Name, kind.Description);
        filters.AddTo(command);
        overrides.AddTo(command);
        concurrency.AddTo(command);
        bulk.AddTo(command);
        output.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            output.IsJson(parse),
            now => new RunPlan(
                FilterBuilder.Build(filters.Read(parse), now, command.Name, requireSelection: true),
                overrides.ReadOptions(parse, concurrency.Read(parse)),
                overrides.ReadResumeFrom(parse, concurrency.Read(parse)),
                bulk.Read(parse, output.ReadLimit(parse))),
            (context, plan) => BulkRun.ExecuteAsync(context, kind, plan)));
        return command;
    }
}
