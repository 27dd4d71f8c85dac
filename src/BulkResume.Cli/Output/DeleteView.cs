using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Reports a bulk delete.</summary>
/// <remarks>
/// One that stopped or failed prints the command that deletes the rest: the same selection (its relative times
/// resolved), or by ids the ids left (in a file when they are many), since a list whose ids are partly gone would hold
/// up whole requests.
/// </remarks>
internal static class DeleteView
{
    /// <param name="context">The command's context.</param>
    /// <param name="selection">What was to be deleted.</param>
    /// <param name="outcome">How the delete ended, what it deleted and what it left.</param>
    public static void Write(CommandContext context, Selection selection, DeleteOutcome outcome)
    {
        var output = context.Output;
        var (status, deleted, left) = (outcome.Status, outcome.Deleted, outcome.Left);
        var (continueWith, tokenOmitted) = status != RunStatus.Done && left is not { Empty: true }
            ? ContinueCommand.Build(context.CommandLine, cursor: null, selection.ResolvedTimes, outcome.ContinueIds)
            : ((string?)null, false);
        if (output.IsJson)
        {
            output.Json(
                new DeleteDocument(context.Target.Name, BulkVerb.Delete.Name, selection.Description, status, deleted, outcome.Missing, continueWith, outcome.ContinueIds?.FilePath, outcome.Error),
                CliJsonContext.Default.DeleteDocument);
        }
        else if (status == RunStatus.Done)
        {
            output.Console.MarkupLine($"[green]Deleted {Entries(deleted)} ({Markup.Escape(selection.Description)}).[/]");
        }

        if (outcome.Error is not null)
        {
            output.Error(outcome.Error);
        }

        IdsReport.Missing(output, BulkVerb.Delete, outcome.Missing ?? 0);
        if (continueWith is null)
        {
            return;
        }

        var rest = left is { DlqIds: { } ids } ? $"{ids.Count} of the {selection.DlqIds!.Distinct(StringComparer.Ordinal).Count()} ids are left" : "the rest remains in the DLQ";
        output.Line(status switch
        {
            RunStatus.Interrupted when outcome.Abandoned => $"Stopped at once by a second Ctrl+C, the requests in flight abandoned: deleted {Entries(deleted)}; {rest}.",
            RunStatus.Interrupted => $"Stopped before the selection was finished: deleted {Entries(deleted)}; {rest}.",
            RunStatus.Partial when deleted > 0 => $"Deleted {Entries(deleted)} before the failure, which stay deleted; {rest}.",
            _ when deleted == 0 => $"Nothing was deleted; {rest}.",
            _ => $"Entries deleted before the failure stay deleted; {rest}.",
        });
        IdsReport.Left(output, BulkVerb.Delete, left, outcome.ContinueIds);
        output.Line(ContinueCommand.Heading(tokenOmitted));
        output.Verbatim($"  {continueWith}");
    }

    private static string Entries(long? count) => count is { } known ? CliText.Count(known, "entry", "entries") : "an unknown number of entries";
}
