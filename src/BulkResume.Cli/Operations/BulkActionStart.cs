using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>An <c>--async</c> resume, restart or delete: the same gate as paging from here, then one request that starts the bulk action, then watching it.</summary>
/// <remarks>
/// The first Ctrl+C never abandons the request that starts the action (its answer is the action's id); a second does,
/// and then whether the action exists is not known.
/// </remarks>
internal static class BulkActionStart
{
    public static async Task<int> ExecuteAsync(CommandContext context, ActionPlan plan)
    {
        var gate = await BulkGate.CheckAsync(context, plan.Verb, plan.Selection, plan.Flags);
        if (gate.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        var environment = context.Environment;
        var output = context.Output;

        // A Ctrl+C before the start sends nothing: the host says nothing was changed.
        environment.StopRequested.ThrowIfCancellationRequested();
        BulkActionOperation operation;
        try
        {
            operation = await plan.Start(context.Dlq, environment.AbortRequested);
        }
        catch (Exception e) when (environment.AbortRequested.IsCancellationRequested && e is OperationCanceledException or WorkflowApiException or HttpRequestException)
        {
            // An answer cut off by the abandon may surface as a failed read: the action may exist either way.
            output.Error(
                $"Quit before the service answered: the bulk action may have been started, and then goes on. "
                + $"See {ContinueCommand.Actions(context.Target, "list", "--state", "in-progress")}.");
            return ExitCodes.PartiallyDone;
        }

        output.Line($"Started bulk action {operation.Id}: {plan.Verb.Name} {plan.Selection.Description}.");
        var result = plan.Mode == AsyncMode.Detach || environment.StopRequested.IsCancellationRequested
            ? new WatchResult(plan.Mode == AsyncMode.Detach ? WatchStatus.Detached : WatchStatus.StoppedWatching, operation.Id, Action: null)
            : await WatchAsync(context, operation, plan.Verb);
        return ActionView.Write(context, plan.Verb, plan.Verb.Name, plan.Selection.Description, result);
    }

    /// <summary>Reads the new action once, for the bar's total, then follows it.</summary>
    private static async Task<WatchResult> WatchAsync(CommandContext context, BulkActionOperation operation, BulkVerb verb)
    {
        var stop = context.Environment.StopRequested;
        try
        {
            var first = await operation.UpdateStatusAsync(stop);
            return await ActionWatch.FollowAsync(context, operation, first, verb);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new WatchResult(WatchStatus.StoppedWatching, operation.Id, Action: null);
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
        {
            return new WatchResult(WatchStatus.WatchFailed, operation.Id, Action: null, ErrorText.Describe(e, context.Target));
        }
    }
}
