using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Reports a bulk delete.</summary>
internal static class DeleteView
{
    public static void Write(CommandContext context, Selection selection, RunStatus status, long deleted, string? error)
    {
        var output = context.Output;
        if (output.IsJson)
        {
            output.Json(new DeleteDocument(context.Target.Name, BulkVerb.Delete.Name, selection.Description, status, deleted, error), CliJsonContext.Default.DeleteDocument);
        }
        else if (status == RunStatus.Done)
        {
            output.Console.MarkupLine($"[green]Deleted {deleted} {(deleted == 1 ? "entry" : "entries")} ({Markup.Escape(selection.Description)}).[/]");
        }

        if (error is not null)
        {
            output.Error(error);
        }

        if (status == RunStatus.Interrupted)
        {
            // Deleted entries have left the DLQ, so the same selection (its relative times resolved) continues.
            var (command, tokenOmitted) = ContinueCommand.Build(context.CommandLine, cursor: null, selection.ResolvedTimes);
            output.Line($"Stopped before the selection was finished: deleted {deleted} {(deleted == 1 ? "entry" : "entries")}; the rest remains in the DLQ.");
            output.Line(ContinueCommand.Heading(tokenOmitted));
            output.Line($"  {command}");
        }
        else if (status != RunStatus.Done)
        {
            output.Notice("Entries deleted before the failure stay deleted; run the same command again to delete the rest.");
        }
    }
}
