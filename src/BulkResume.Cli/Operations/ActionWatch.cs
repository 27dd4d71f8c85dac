using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>Follows a bulk action to its end with the CLI's progress display, until Ctrl+C stops watching.</summary>
/// <remarks>
/// Ctrl+C only stops watching: the action runs on the service and nothing here can stop it (no cancel is documented).
/// The status is read every <see cref="Hosting.CliEnvironment.BulkActionPollingInterval"/>, and progress is shown when
/// it moves (a line each time when output is redirected).
/// </remarks>
internal static class ActionWatch
{
    /// <param name="context">The command's context: the display, the clock, Ctrl+C.</param>
    /// <param name="operation">The action.</param>
    /// <param name="first">Its status as first read, whose total sizes the bar.</param>
    /// <param name="verb">What it does, for the display.</param>
    public static Task<WatchResult> FollowAsync(CommandContext context, BulkActionOperation operation, BulkAction first, BulkVerb verb)
    {
        var environment = context.Environment;
        var stop = environment.StopRequested;
        return ProgressDisplay.RunAsync(
            context.Output,
            environment.Time,
            verb,
            first.Total,
            async report =>
            {
                var shown = first.Processed;
                report(shown);
                try
                {
                    var progress = new Reporter(action =>
                    {
                        if (action.Processed != shown)
                        {
                            shown = action.Processed;
                            report(shown);
                        }
                    });
                    var finished = await operation.WaitForCompletionAsync(environment.BulkActionPollingInterval, progress, stop);
                    return new WatchResult(WatchStatus.Done, operation.Id, finished);
                }
                catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or WorkflowApiException or HttpRequestException)
                {
                    // After Ctrl+C a read cut off mid-answer may surface as a failed read: watching stopped either way.
                    return new WatchResult(WatchStatus.StoppedWatching, operation.Id, operation.Value ?? first);
                }
                catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
                {
                    return new WatchResult(WatchStatus.WatchFailed, operation.Id, operation.Value ?? first, ErrorText.Describe(e, context.Target));
                }
            },
            result => result.Status == WatchStatus.Done);
    }

    /// <summary>Hears each status as it is read, on the reading thread (<see cref="Progress{T}"/> would post it later, after the wait ended).</summary>
    private sealed class Reporter(Action<BulkAction> report) : IProgress<BulkAction>
    {
        public void Report(BulkAction value) => report(value);
    }
}
