using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Reports a finished, stopped or failed resume or restart.</summary>
/// <remarks>
/// A stop says what was done, what remains when it is known, the cursor and the exact command that continues, each on a
/// line of its own and undimmed; a failure before the first page says only that nothing was done. Without a cursor (a
/// concurrent run, or one stopped before its first page) the same command continues, by ids naming the ids left (in a
/// file when they are many); a stop that left nothing is done.
/// </remarks>
internal static class BulkRunView
{
    public static void Write(CommandContext context, BulkVerb verb, RunPlan plan, long? total, BulkRunResult result)
    {
        var output = context.Output;
        var processed = result.Processed;
        var nothingLeft = result.Left is { Empty: true };
        long? remaining = result.Status == RunStatus.Done ? null
            : result.Left is { DlqIds: { } leftIds } ? leftIds.Count
            : total is { } counted ? Math.Max(counted - processed, 0)
            : null;
        var (continueWith, tokenOmitted) = result.Status is RunStatus.Interrupted or RunStatus.Partial && !nothingLeft
            ? ContinueCommand.Build(context.CommandLine, result.Cursor, plan.Selection.ResolvedTimes, result.ContinueIds)
            : ((string?)null, false);

        if (output.IsJson)
        {
            output.Json(
                new BulkRunDocument(
                    context.Target.Name,
                    verb.Name,
                    plan.Selection.Description,
                    result.Status,
                    processed,
                    remaining,
                    plan.Selection.DlqIds is null ? null : result.IdsMissing,
                    result.Cursor,
                    continueWith,
                    result.ContinueIds?.FilePath,
                    result.Error,
                    [.. result.Runs.Select(run => new RunDocument(run.WorkflowRunId, run.WorkflowCreatedAt))]),
                CliJsonContext.Default.BulkRunDocument);
        }

        if (result.Error is not null)
        {
            output.Error(result.Error);
        }

        if (result.Status == RunStatus.Failed)
        {
            var hint = plan.ResumeFrom is null ? string.Empty : $" If the cursor was refused, pass the one the interrupted run printed, with the same filter flags ({plan.Selection.Description}).";
            output.Line($"Nothing was {verb.Past}.{hint}");
            return;
        }

        if (!output.IsJson)
        {
            var summary = $"{Capitalized(verb.Past)} {CliText.Count(processed, "run", "runs")} ({plan.Selection.Description}).";
            output.Console.MarkupLine(result.Status == RunStatus.Done ? $"[green]{Markup.Escape(summary)}[/]" : Markup.Escape(summary));
        }

        // With --json these lines go to stderr: the document carries the same facts for a script, these are for the operator.
        IdsReport.Missing(output, verb, result.IdsMissing);
        if (result.Status == RunStatus.Partial && nothingLeft)
        {
            output.Line("Nothing of the selection is left in the DLQ.");
        }

        if (continueWith is null)
        {
            return;
        }

        var why = result.Abandoned ? "Stopped at once by a second Ctrl+C, the requests in flight abandoned"
            : result.Status == RunStatus.Interrupted ? "Stopped before the selection was finished"
            : "A request failed before the selection was finished";
        var left = result.Left is { DlqIds: { } ids } ? $"; {ids.Count} of the {plan.Selection.DlqIds!.Distinct(StringComparer.Ordinal).Count()} ids are left"
            : remaining is { } count ? $"; {(result.RunsUnseen ? "at most " : string.Empty)}{count} of the {total} counted before starting remain"
            : "; the rest of the selection remains in the DLQ";
        output.Line($"{why}: {verb.Past} {processed}{left}.");
        IdsReport.Left(output, verb, result.Left, result.ContinueIds);
        if (result.Cursor is not null)
        {
            output.Verbatim($"Cursor: {result.Cursor}");
        }

        output.Line(ContinueCommand.Heading(tokenOmitted));
        output.Verbatim($"  {continueWith}");
    }

    private static string Capitalized(string word) => $"{char.ToUpperInvariant(word[0])}{word[1..]}";
}
