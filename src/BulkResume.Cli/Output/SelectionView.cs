using System.Globalization;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Shows what a filter selects: a table and a count, or a <see cref="SelectionDocument"/>.</summary>
internal static class SelectionView
{
    /// <param name="context">Where to write, and the DLQ's name.</param>
    /// <param name="command">The command that asked (list, resume, ...).</param>
    /// <param name="selection">The filter.</param>
    /// <param name="preview">What it selects.</param>
    /// <param name="dryRunOf">The action previewed by <c>--dry-run</c>, or null for <c>list</c>.</param>
    public static void Write(CommandContext context, string command, Selection selection, SelectionPreview preview, BulkVerb? dryRunOf)
    {
        var output = context.Output;
        if (output.IsJson)
        {
            output.Json(
                new SelectionDocument(context.Target.Name, command, selection.Description, dryRunOf is not null, preview.Count, preview.Truncated, [.. preview.Entries.Select(EntryDocument.From)]),
                CliJsonContext.Default.SelectionDocument);
            return;
        }

        var console = output.Console;
        if (preview.Entries.Count > 0)
        {
            console.Write(Table(preview.Entries));
        }

        var noun = preview.Count == 1 ? "entry" : "entries";
        console.MarkupLine(selection.Description == Selection.EveryEntry
            ? $"[bold]{preview.Count}[/] {noun} in the DLQ (no filter)."
            : $"[bold]{preview.Count}[/] {noun} {(preview.Count == 1 ? "matches" : "match")} [blue]{Markup.Escape(selection.Description)}[/].");
        if (preview.Truncated)
        {
            console.MarkupLine($"Showing the first {preview.Entries.Count}; raise --limit to see more.");
        }

        if (dryRunOf is not null)
        {
            console.MarkupLine($"Dry run: nothing was {dryRunOf.Past}. Run again without --dry-run to {dryRunOf.Name} them.");
        }
    }

    private static Table Table(IEnumerable<DlqMessage> entries)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("DLQ id").NoWrap());
        table.AddColumns("Workflow URL", "Run id");
        table.AddColumn(new TableColumn("Failed at").NoWrap());
        table.AddColumns("Status", "Labels");
        foreach (var entry in entries)
        {
            table.AddRow(
                Markup.Escape(entry.DlqId),
                Markup.Escape(entry.WorkflowUrl),
                Markup.Escape(entry.WorkflowRunId),
                CliText.Time(entry.CreatedAt),
                entry.ResponseStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(string.Join(", ", entry.Labels)));
        }

        return table;
    }
}
