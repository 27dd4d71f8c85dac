using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>A bulk delete from the gate to the report.</summary>
/// <remarks>The service answers a delete with a count, not pages, so there is no cursor.</remarks>
internal static class BulkDelete
{
    public static async Task<int> ExecuteAsync(CommandContext context, DeletePlan plan)
    {
        var gate = await BulkGate.CheckAsync(context, BulkVerb.Delete, plan.Selection, plan.Flags);
        if (gate.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        var environment = context.Environment;
        var progress = plan.Selection.DlqIds is null ? null : new DlqIdsProgress();

        // A graceful stop, not a cancellation, for the first Ctrl+C: it must not abort a request that may already have
        // been applied, and the deletions of those in flight are counted. The second abandons them. By ids, the same
        // list run again after a stop goes on with what is left: the ids already deleted are skipped, not a 404.
        var options = new BulkDeleteOptions { MaxConcurrency = plan.Concurrency, GracefulStop = environment.StopRequested, DlqIdsProgress = progress, SkipMissingDlqIds = true };
        var outcome = await ProgressDisplay.RunAsync(
            context.Output,
            environment.Time,
            BulkVerb.Delete,
            gate.Total,
            async report =>
            {
                try
                {
                    var count = await context.Dlq.BulkDeleteAsync(plan.Selection.Filter, options, environment.AbortRequested);
                    report(count);
                    return new DeleteOutcome(environment.StopRequested.IsCancellationRequested ? RunStatus.Interrupted : RunStatus.Done, count, null);
                }
                catch (OperationCanceledException) when (environment.AbortRequested.IsCancellationRequested)
                {
                    // By criteria the count went with the abandoned call; by ids each deleted request was recorded.
                    return new DeleteOutcome(RunStatus.Interrupted, progress?.Done.Count, null) { Abandoned = true };
                }
                catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
                {
                    // By ids each deleted request was recorded, and a request in doubt may have deleted: not "nothing was done".
                    var deleted = progress?.Done.Count ?? 0;
                    var partial = deleted > 0 || progress is { InDoubt.Count: > 0 };
                    return new DeleteOutcome(partial ? RunStatus.Partial : RunStatus.Failed, deleted, ErrorText.Describe(e, context.Target));
                }
            },
            result => result.Status == RunStatus.Done);

        // A delete has no cursor: what it left is read, so a stop that came when nothing was left is done.
        var left = outcome.Status == RunStatus.Done ? null : await Remainder.ReadAsync(context, plan.Selection, progress, outcome.Abandoned);
        if (outcome.Status == RunStatus.Interrupted && left is { Empty: true })
        {
            outcome = outcome with { Status = RunStatus.Done };
        }

        outcome = outcome with
        {
            Left = left,
            Missing = progress?.Missing.Count,
            ContinueIds = left is { Empty: false, DlqIds: { } ids } ? ContinueIds.For(context, BulkVerb.Delete, plan.Selection, ids) : null,
        };
        DeleteView.Write(context, plan.Selection, outcome);
        return RunStatusExitCode.Of(outcome.Status);
    }
}
