using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>runs cancel</c>: cancel workflow runs in progress, one, by ids, or by filters.</summary>
/// <remarks>
/// The selection follows the SDK's: an exact workflow URL unless a prefix is asked for by name, and no selection refused
/// unless <c>--all</c>. With <c>--async</c> (filters only) the service cancels the runs as a bulk action, followed as a
/// resume's is.
/// </remarks>
internal static class RunsCommand
{
    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine) =>
        new("runs", "Workflow runs: cancel the ones in progress.") { Cancel(environment, target, commandLine) };

    private static Command Cancel(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine)
    {
        var runId = new Argument<string?>("RUN_ID") { Description = "One run to cancel, by its id.", Arity = ArgumentArity.ZeroOrOne };
        var ids = new Option<string[]>(DlqIdList.IdsFlag) { Description = "Run ids, comma-separated (repeatable). Not combinable with filters.", HelpName = "ID,ID" };
        var idsFile = new Option<string?>(DlqIdList.IdsFileFlag) { Description = "A file of run ids, one per line (blank lines and # comments skipped).", HelpName = "PATH" };
        var all = new Option<bool>("--all") { Description = "Every run in progress. A cancel needs this, ids or a filter." };
        var criteria = RunCancelSelection.Criteria
            .Select(row => (row.Flag, Option: row.Repeatable ? (Option)new Option<string[]>(row.Flag) { Description = row.Description, HelpName = row.HelpName } : new Option<string?>(row.Flag) { Description = row.Description, HelpName = row.HelpName }))
            .ToList();
        var yes = new Option<bool>("--yes", "-y") { Description = "Cancel without asking, however many runs are selected." };
        var confirmAbove = WholeNumberOption.WithDefault("--confirm-above", "Ask before cancelling more runs than this (without --yes); a selection by filters can't be counted first, so it always asks.", 100, 0, int.MaxValue, "0 always asks");
        var json = new JsonOption();
        var asyncOptions = new AsyncOptions();
        var command = new Command(
            "cancel",
            "Cancel workflow runs in progress: one by its id, a list (--ids, --ids-file), or what filters select (--all for every run). A run already finished is skipped. A cancelled run can't be resumed.") { runId, ids, idsFile, all };
        foreach (var (_, option) in criteria)
        {
            command.Options.Add(option);
        }

        command.Options.Add(yes);
        command.Options.Add(confirmAbove);
        asyncOptions.AddTo(command);
        json.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            json.IsJson(parse),
            now => (
                // First: a flag that --async refuses is told as such, not as a problem of its own.
                Mode: AsyncFor(asyncOptions.Read(parse, target.Read(parse).Demo), parse.GetValue(runId)),
                Selection: RunCancelSelection.Build(
                    new RunCancelArguments
                    {
                        RunId = parse.GetValue(runId),
                        Ids = parse.GetValue(ids) ?? [],
                        IdsFile = parse.GetValue(idsFile),
                        All = parse.GetValue(all),
                        Criteria = [.. criteria.SelectMany(criterion => Values(parse, criterion.Option).Select(value => (criterion.Flag, value)))],
                    },
                    now),
                Yes: parse.GetValue(yes),
                ConfirmAbove: parse.GetValue(confirmAbove)),
            (context, plan) => RunCancel.ExecuteAsync(context, plan.Selection, plan.Yes, plan.ConfirmAbove, plan.Mode)));
        return command;
    }

    /// <summary>The async mode, refusing a run id with it as <see cref="AsyncOptions"/> refuses a list of ids.</summary>
    private static AsyncMode? AsyncFor(AsyncMode? mode, string? runId) =>
        mode is not null && runId is not null
            ? throw new UsageException("RUN_ID", $"A run id can't be used with {AsyncOptions.Flag}: a bulk action covers a selection by filters. Drop {AsyncOptions.Flag} to cancel the run now, or select by filters.")
            : mode;

    private static IEnumerable<string> Values(ParseResult parse, Option option) => option switch
    {
        Option<string[]> many => parse.GetValue(many) ?? [],
        Option<string?> one => parse.GetValue(one) is { } value ? [value] : [],
        _ => [],
    };
}
