using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Reports a finished (or stopped) resume or restart: the count, and the cursor to continue from when it did not finish.</summary>
internal static class BulkRunView
{
    public static void Write(CliOutput output, BulkVerb verb, Selection selection, BulkRunResult result)
    {
        if (output.IsJson)
        {
            output.Json(
                new BulkRunDocument(verb.Name, selection.Description, result.Status, result.Runs.Count, result.Cursor, result.Error, [.. result.Runs.Select(run => new RunDocument(run.WorkflowRunId, run.WorkflowCreatedAt))]),
                CliJsonContext.Default.BulkRunDocument);
        }
        else
        {
            var summary = $"{char.ToUpperInvariant(verb.Past[0])}{verb.Past[1..]} {result.Runs.Count} {(result.Runs.Count == 1 ? "run" : "runs")} ({selection.Description}).";
            output.Console.MarkupLine(result.Status == RunStatus.Done ? $"[green]{Markup.Escape(summary)}[/]" : Markup.Escape(summary));
        }

        if (result.Error is not null)
        {
            output.Error(result.Error);
        }

        if (result.Status is RunStatus.Interrupted or RunStatus.Partial)
        {
            var why = result.Status == RunStatus.Interrupted ? "Stopped before the selection was finished" : "A page failed after earlier pages succeeded";
            output.Notice($"{why}. Continue with the same flags and --resume-from {result.Cursor ?? "(none: run again from the start)"}");
        }
    }
}
