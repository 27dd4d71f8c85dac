using BulkResume.Cli.Arguments;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Operations;

/// <summary><c>runs cancel</c> from the confirmation to the report.</summary>
/// <remarks>
/// A list of ids is counted, so it asks only above <c>--confirm-above</c>, as a delete does; a selection by filters
/// can't be counted first (the runs' listing matches differently), so without <c>--yes</c> it always asks. The first
/// Ctrl+C lets the requests finish (a cancel in flight may already be applied); a second abandons them. With
/// <c>--async</c> the same confirmation comes first, then the bulk action is started and followed as a resume's is.
/// </remarks>
internal static class RunCancel
{
    /// <summary>The command, as its documents name it.</summary>
    private const string Command = "runs cancel";

    /// <param name="context">The command's context.</param>
    /// <param name="selection">What to cancel.</param>
    /// <param name="yes">Whether to cancel without asking.</param>
    /// <param name="confirmAbove">How many listed runs it cancels without asking.</param>
    /// <param name="mode">With <c>--async</c>, whether the bulk action is watched or left; null to cancel with one call from here.</param>
    public static async Task<int> ExecuteAsync(CommandContext context, RunCancelSelection selection, bool yes, long confirmAbove, AsyncMode? mode)
    {
        var output = context.Output;
        var environment = context.Environment;
        if (!yes && (selection.RunIds?.Count is not { } counted || counted > confirmAbove))
        {
            var what = selection.RunIds is { } listed ? CliText.Count(listed.Count, "run", "runs") : "the runs in progress";
            var why = selection.RunIds is null ? "a selection by filters can't be counted first" : $"more than --confirm-above {confirmAbove}";
            if (output.IsJson || !environment.IsInputInteractive)
            {
                output.Error(
                    $"Cancelling {what} ({selection.Description}) needs a confirmation ({why}), and no one can confirm ({(output.IsJson ? "--json is set" : "stdin is not interactive")}). "
                    + "Pass --yes to cancel them.");
                return ExitCodes.BadArguments;
            }

            if (!await output.Console.ConfirmAsync($"Cancel {what} matching {Markup.Escape(selection.Description)}?", defaultValue: false, environment.StopRequested))
            {
                output.Notice("Nothing was cancelled.");
                return ExitCodes.Failed;
            }
        }

        var runs = context.Target.Client.Runs;
        if (mode is { } async)
        {
            // The command line refused ids with --async, so the selection is a filter.
            return await BulkActionStart.StartAndFollowAsync(context, BulkVerb.Cancel, Command, selection.Description, async, abort => runs.StartBulkCancelAsync(selection.Filter!, abort));
        }

        environment.StopRequested.ThrowIfCancellationRequested();
        BulkCancelResult result;
        try
        {
            result = selection.RunIds is { } ids
                ? await runs.CancelAsync(ids, environment.AbortRequested)
                : await runs.BulkCancelAsync(selection.Filter!, environment.AbortRequested);
        }
        catch (OutcomeUnknownException e)
        {
            return Report(context, selection, RunStatus.Partial, cancelled: null, mayHaveCancelledMore: true, $"{Output.ErrorText.Describe(e, context.Target)} The outcome of {CliText.Count(e.InDoubtIds.Count, "run's cancel", "runs' cancels")} is unknown; running the same command again is safe.");
        }
        catch (OperationCanceledException) when (environment.AbortRequested.IsCancellationRequested)
        {
            return Report(context, selection, RunStatus.Interrupted, cancelled: null, mayHaveCancelledMore: true, "Quit at once: the cancel in flight was abandoned and may have been applied; running the same command again is safe.");
        }

        return Report(context, selection, RunStatus.Done, result.CanceledCount, result.MayHaveCanceledMore, error: null);
    }

    private static int Report(CommandContext context, RunCancelSelection selection, RunStatus status, long? cancelled, bool mayHaveCancelledMore, string? error)
    {
        var output = context.Output;
        if (output.IsJson)
        {
            output.Json(new CancelDocument(context.Target.Name, Command, selection.Description, status, cancelled, mayHaveCancelledMore, error), CliJsonContext.Default.CancelDocument);
        }
        else if (cancelled is { } count)
        {
            output.Console.MarkupLine($"[green]{Markup.Escape($"Cancelled {CliText.Count(count, "run", "runs")} ({selection.Description}).")}[/]");
        }

        if (error is not null)
        {
            output.Error(error);
        }

        if (cancelled == 0)
        {
            output.Line("No run of the selection was in progress (a finished run is skipped): nothing was cancelled.");
        }
        else if (status == RunStatus.Done && mayHaveCancelledMore)
        {
            output.Line("An answer was lost and its retry succeeded: more runs may have been cancelled than counted.");
        }

        return RunStatusExitCode.Of(status);
    }
}
