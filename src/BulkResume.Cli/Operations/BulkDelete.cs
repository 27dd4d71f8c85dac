using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>A bulk delete from the gate to the report. The service answers a delete with a count, not pages, so there is no cursor.</summary>
internal static class BulkDelete
{
    public static async Task<int> ExecuteAsync(CommandContext context, DeletePlan plan)
    {
        var gate = await BulkGate.CheckAsync(context, BulkVerb.Delete, plan.Selection, plan.Flags);
        if (gate.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        var stop = context.Environment.StopRequested;
        (RunStatus Status, long Deleted, string? Error) outcome = await ProgressDisplay.RunAsync(
            context.Output,
            context.Environment.Time,
            BulkVerb.Delete,
            gate.Total,
            async report =>
            {
                try
                {
                    // A graceful stop, not a cancellation: Ctrl+C must not abort a request that may already have been applied,
                    // and the deletions of those in flight are counted.
                    var count = await context.Dlq.BulkDeleteAsync(plan.Selection.Filter, new BulkDeleteOptions { MaxConcurrency = plan.Concurrency, GracefulStop = stop });
                    report(count);
                    return (stop.IsCancellationRequested ? RunStatus.Interrupted : RunStatus.Done, count, (string?)null);
                }
                catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
                {
                    return (RunStatus.Failed, 0L, ErrorText.Describe(e, context.Target));
                }
            },
            result => result.Item1 == RunStatus.Done);

        // A delete has no cursor: what it left is read from the DLQ, so a stop that came when nothing was left is done.
        var left = outcome.Status == RunStatus.Done ? null : await Remainder.ReadAsync(context.Dlq, plan.Selection);
        if (outcome.Status == RunStatus.Interrupted && left is { Empty: true })
        {
            outcome.Status = RunStatus.Done;
        }

        DeleteView.Write(context, plan.Selection, outcome.Status, outcome.Deleted, outcome.Error, left);
        return RunStatusExitCode.Of(outcome.Status);
    }
}
