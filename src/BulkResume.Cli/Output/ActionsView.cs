using System.Globalization;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Shows bulk actions as <c>actions list</c> and <c>actions show</c> do: a table, or the fields of one; or their <c>--json</c> documents.</summary>
/// <remarks>A selection is shown as the service reports it (<c>workflowUrl=...; fromDate=...</c>): its parameters, not the flags that made it.</remarks>
internal static class ActionsView
{
    /// <param name="context">Where to write, and the DLQ's name.</param>
    /// <param name="state">The state listed, or null for every action.</param>
    /// <param name="count">How many actions were listed.</param>
    /// <param name="shown">The first of them, at most <c>--limit</c>.</param>
    public static void List(CommandContext context, BulkActionState? state, long count, IReadOnlyList<BulkAction> shown)
    {
        var output = context.Output;
        if (output.IsJson)
        {
            output.Json(
                new ActionListDocument(context.Target.Name, state is { } only ? BulkActionStateName.Show(only) : null, count, count > shown.Count, [.. shown.Select(ActionDocument.From)]),
                CliJsonContext.Default.ActionListDocument);
            return;
        }

        var console = output.Console;
        if (shown.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(new TableColumn("Action id").NoWrap());
            table.AddColumns("Kind", "State", "Progress");
            table.AddColumn(new TableColumn("Created").NoWrap());
            table.AddColumn(new TableColumn("Completed").NoWrap());
            table.AddColumn("Selection");
            foreach (var action in shown)
            {
                table.AddRow(
                    Markup.Escape(action.ActionId),
                    Markup.Escape(action.Kind.ToString()),
                    Markup.Escape(BulkActionStateName.Show(action.State)),
                    Progress(action),
                    CliText.Time(action.CreatedAt),
                    action.CompletedAt is { } completed ? CliText.Time(completed) : "-",
                    Markup.Escape(Selection(action)));
            }

            console.Write(table);
        }

        var which = state is { } listed ? $" {BulkActionStateName.Show(listed)}" : string.Empty;
        console.MarkupLine($"[bold]{count}[/]{which} bulk {(count == 1 ? "action" : "actions")} (the service keeps each 7 days).");
        if (count > shown.Count)
        {
            console.MarkupLine($"Showing the first {shown.Count}; raise --limit to see more.");
        }
    }

    /// <summary>One action's fields; one that runs gets the command that watches it.</summary>
    public static void Show(CommandContext context, BulkAction action)
    {
        var output = context.Output;
        if (output.IsJson)
        {
            output.Json(new ActionShowDocument(context.Target.Name, ActionDocument.From(action)), CliJsonContext.Default.ActionShowDocument);
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("Bulk action", Markup.Escape(action.ActionId));
        grid.AddRow("Kind", Markup.Escape(action.Kind.ToString()));
        grid.AddRow("State", Markup.Escape(BulkActionStateName.Show(action.State)));
        grid.AddRow("Progress", Progress(action));
        grid.AddRow("Created", CliText.Time(action.CreatedAt));
        grid.AddRow("Completed", action.CompletedAt is { } completed ? CliText.Time(completed) : "-");
        grid.AddRow("Selection", Markup.Escape(Selection(action)));
        output.Console.Write(grid);
        if (action.State != BulkActionState.Finished && action.CompletedAt is null && ContinueCommand.Watch(context.Target, action.ActionId) is { } watch)
        {
            output.Line(ContinueCommand.WatchHeading(context.Target, again: false));
            output.Verbatim($"  {watch}");
        }
    }

    /// <summary>The selection as the service reports it, or <c>every entry</c> when it has no parameter.</summary>
    public static string Selection(BulkAction action) =>
        action.Filter.Count == 0 ? Arguments.Selection.EveryEntry : string.Join("; ", action.Filter.Select(parameter => $"{parameter.Key}={string.Join(",", parameter.Value)}"));

    private static string Progress(BulkAction action) =>
        action.Total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{action.Processed} of {action.Total} ({100 * action.Processed / action.Total}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{action.Processed} of {action.Total}");
}
