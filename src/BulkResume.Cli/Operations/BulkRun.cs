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
        var unseen = 0;
        plan.Options.OnUnknownOutcome = lost =>
        {
            unseen++;
            output.Notice($"An attempt that may have {kind.Verb.Past} up to {lost.MaxRuns} runs lost its answer; those runs are not listed (each entry is still acted on once).");
        };
        plan.Options.GracefulStop = context.Environment.StopRequested;
        var pageable = kind.Start(context.Dlq, plan.Selection.Filter, plan.Options);
        var result = await ProgressDisplay.RunAsync(
            output,
            context.Environment.Time,
            kind.Verb,
            gate.Total,
            report => PagedRun.ExecuteAsync(pageable, plan.ResumeFrom, plan.Options.PageSize, plan.Concurrent, context.Target, report, context.Environment.StopRequested),
            result => result.Status == RunStatus.Done);
        result = await SettleAsync(context, plan, result with { RunsUnseen = unseen > 0 });
        BulkRunView.Write(context, kind.Verb, plan, gate.Total, result);
        return RunStatusExitCode.Of(result.Status);
    }

    /// <summary>
    /// A run that stopped or failed with no cursor to continue from is checked against the DLQ: a stop that came
    /// when nothing was left is done, and by ids the command to continue names the ids still there.
    /// </summary>
    private static async Task<BulkRunResult> SettleAsync(CommandContext context, RunPlan plan, BulkRunResult result)
    {
        if (result is not { Status: RunStatus.Interrupted or RunStatus.Partial, Cursor: null }
            || await Remainder.ReadAsync(context.Dlq, plan.Selection) is not { } left)
        {
            return result;
        }

        return left.Empty && result.Status == RunStatus.Interrupted
            ? result with { Status = RunStatus.Done, Left = left }
            : result with { Left = left };
    }
}
