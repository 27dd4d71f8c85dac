using BulkResume.Cli.Arguments;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>A resume or restart from the gate to the report.</summary>
internal static class BulkRun
{
    public static async Task<int> ExecuteAsync(CommandContext context, BulkRunKind kind, RunPlan plan)
    {
        var gate = await BulkGate.CheckAsync(context, kind.Verb, plan.Selection, plan.Flags);
        if (gate.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        var output = context.Output;
        var environment = context.Environment;
        var unseen = 0;
        plan.Options.OnUnknownOutcome = lost =>
        {
            unseen++;
            output.Notice($"An attempt that may have {kind.Verb.Past} up to {CliText.Count(lost.MaxAffectedCount, "run", "runs")} lost its answer; those runs are not listed (each entry is still acted on once).");
        };
        plan.Options.GracefulStop = environment.StopRequested;
        var progress = plan.Selection.DlqIds is null ? null : new DlqIdsProgress();
        plan.Options.DlqIdsProgress = progress;

        // The same list run again after a stop must go on with what is left: the ids already done are skipped, not a 404.
        plan.Options.SkipMissingDlqIds = true;
        var pageable = kind.Start(context.Dlq, plan.Selection.Filter, plan.Options, environment.AbortRequested);
        var result = await ProgressDisplay.RunAsync(
            output,
            environment.Time,
            kind.Verb,
            gate.Total,
            report => PagedRun.ExecuteAsync(pageable, plan.ResumeFrom, plan.Options.PageSize, plan.Concurrent, context.Target, report, environment.StopRequested, environment.AbortRequested),
            result => result.Status == RunStatus.Done);
        result = result with
        {
            RunsUnseen = unseen > 0,

            // One request at a time the runs seen are exact (and a progress continued from a cursor counts what came before it).
            IdsDone = plan.Concurrent ? progress?.Done.Count : null,
            IdsMissing = progress?.Missing.Count ?? 0,
        };
        if (result.Status == RunStatus.Failed && progress is { InDoubt.Count: > 0 })
        {
            // A failure by ids whose own request is in doubt may have acted: that is not "nothing was done".
            result = result with { Status = RunStatus.Partial };
        }

        result = await SettleAsync(context, kind.Verb, plan, result, progress);
        BulkRunView.Write(context, kind.Verb, plan, gate.Total, result);
        return RunStatusExitCode.Of(result.Status);
    }

    /// <summary>
    /// A run that stopped or failed with no cursor to continue from is checked against what is left: a stop that came
    /// when nothing was left is done, and by ids the command to continue names the ids left.
    /// </summary>
    private static async Task<BulkRunResult> SettleAsync(CommandContext context, BulkVerb verb, RunPlan plan, BulkRunResult result, DlqIdsProgress? progress)
    {
        if (result is not { Status: RunStatus.Interrupted or RunStatus.Partial, Cursor: null }
            || await Remainder.ReadAsync(context, plan.Selection, progress, result.Abandoned) is not { } left)
        {
            return result;
        }

        result = result with
        {
            Left = left,
            RunsUnseen = result.RunsUnseen || left.InDoubtGone > 0 || result.Processed > result.Runs.Count,
            ContinueIds = left is { Empty: false, DlqIds: { } ids } ? ContinueIds.For(context, verb, plan.Selection, ids) : null,
        };
        return left.Empty && result.Status == RunStatus.Interrupted ? result with { Status = RunStatus.Done } : result;
    }
}
