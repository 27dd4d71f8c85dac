using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>
/// Reports a bulk delete. One that stopped or failed prints the command that deletes the rest: the same selection
/// (its relative times resolved), or by ids the ids still in the DLQ, since a list whose ids are partly gone is
/// refused all or nothing.
/// </summary>
internal static class DeleteView
{
    /// <param name="context">The command's context.</param>
    /// <param name="selection">What was to be deleted.</param>
    /// <param name="status">How the delete ended.</param>
    /// <param name="deleted">The entries it counted as deleted.</param>
    /// <param name="error">Why it failed, if it did.</param>
    /// <param name="left">What the DLQ still held of the selection afterwards, when it was read.</param>
    public static void Write(CommandContext context, Selection selection, RunStatus status, long deleted, string? error, Remainder? left)
    {
        var output = context.Output;
        var (continueWith, tokenOmitted) = status != RunStatus.Done && left is not { Empty: true }
            ? ContinueCommand.Build(context.CommandLine, cursor: null, selection.ResolvedTimes, left?.DlqIds)
            : ((string?)null, false);
        if (output.IsJson)
        {
            output.Json(new DeleteDocument(context.Target.Name, BulkVerb.Delete.Name, selection.Description, status, deleted, continueWith, error), CliJsonContext.Default.DeleteDocument);
        }
        else if (status == RunStatus.Done)
        {
            output.Console.MarkupLine($"[green]Deleted {deleted} {(deleted == 1 ? "entry" : "entries")} ({Markup.Escape(selection.Description)}).[/]");
        }

        if (error is not null)
        {
            output.Error(error);
        }

        if (continueWith is null)
        {
            return;
        }

        var rest = left is { DlqIds: { } ids } ? $"{ids.Count} of the ids are still in the DLQ" : "the rest remains in the DLQ";
        output.Line(status == RunStatus.Interrupted
            ? $"Stopped before the selection was finished: deleted {deleted} {(deleted == 1 ? "entry" : "entries")}; {rest}."
            : deleted == 0 ? $"Nothing was deleted; {rest}." : $"Deleted {deleted} {(deleted == 1 ? "entry" : "entries")} before the failure, which stay deleted; {rest}.");
        output.Line(ContinueCommand.Heading(tokenOmitted));
        output.Verbatim($"  {continueWith}");
    }
}
