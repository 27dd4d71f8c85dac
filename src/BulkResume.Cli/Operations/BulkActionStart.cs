using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>
/// An <c>--async</c> resume, restart or delete: the same gate as paging from here, then one request that starts the bulk
/// action, then watching it; <c>runs cancel --async</c> starts and watches its action the same way after its own
/// confirmation.
/// </summary>
/// <remarks>
/// The first Ctrl+C never abandons the request that starts the action (its answer is the action's id); a second does,
/// and then whether the action exists is not known.
/// </remarks>
internal static class BulkActionStart
{
    public static async Task<int> ExecuteAsync(CommandContext context, ActionPlan plan)
    {
        var gate = await BulkGate.CheckAsync(context, plan.Verb, plan.Selection, plan.Flags);
        return gate.ExitCode ?? await StartAndFollowAsync(context, plan.Verb, plan.Verb.Name, plan.Selection.Description, plan.Mode, abort => plan.Start(context.Dlq, abort));
    }

    /// <summary>Starts the action once the command's own gate has passed, then watches it or detaches, and reports how that ended.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="verb">What the action does.</param>
    /// <param name="command">The command, as the document names it: <c>resume</c>, <c>runs cancel</c>.</param>
    /// <param name="description">The selection's flags.</param>
    /// <param name="mode">Watched to the end, or detached.</param>
    /// <param name="start">Starts the action; the token abandons the request that starts it (a second Ctrl+C).</param>
    public static async Task<int> StartAndFollowAsync(
        CommandContext context, BulkVerb verb, string command, string description, AsyncMode mode, Func<CancellationToken, Task<BulkActionOperation>> start)
    {
        var environment = context.Environment;
        var output = context.Output;

        // A Ctrl+C before the start sends nothing: the host says nothing was changed.
        environment.StopRequested.ThrowIfCancellationRequested();
        BulkActionOperation operation;
        try
        {
            operation = await start(environment.AbortRequested);
        }
        catch (Exception e) when (environment.AbortRequested.IsCancellationRequested && e is OperationCanceledException or WorkflowApiException or HttpRequestException)
        {
            // An answer cut off by the abandon may surface as a failed read: the action may exist either way.
            output.Error(
                $"Quit before the service answered: the bulk action may have been started, and then goes on. "
                + $"See {ContinueCommand.Actions(context.Target, "list", "--state", "in-progress")}.");
            return ExitCodes.PartiallyDone;
        }

        output.Line($"Started bulk action {operation.Id}: {verb.Name} {description}.");
        var result = mode == AsyncMode.Detach || environment.StopRequested.IsCancellationRequested
            ? new WatchResult(mode == AsyncMode.Detach ? WatchStatus.Detached : WatchStatus.StoppedWatching, operation.Id, Action: null)
            : await WatchAsync(context, operation, verb);
        return ActionView.Write(context, verb, command, description, result);
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
