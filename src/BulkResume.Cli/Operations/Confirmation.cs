using BulkResume.Cli.Arguments;
using Spectre.Console;

namespace BulkResume.Cli.Operations;

/// <summary>
/// The guard in front of a bulk action without <c>--yes</c>: counts the selection and, above the threshold, asks the
/// operator; with no one to ask it refuses and says to pass <c>--yes</c>.
/// </summary>
internal static class Confirmation
{
    public static async Task<(ConfirmationOutcome Outcome, long Count)> AskAsync(CommandContext context, BulkVerb verb, Selection selection, long threshold)
    {
        var count = await CountAsync(context, selection);
        if (count <= threshold)
        {
            return (ConfirmationOutcome.Proceed, count);
        }

        if (context.Output.IsJson || !context.Environment.IsInputInteractive)
        {
            var why = context.Output.IsJson ? "--json is set" : "stdin is not interactive";
            context.Output.Error(
                $"{CliText.Count(count, "entry matches", "entries match")} ({selection.Description}), more than --confirm-above {threshold}, and no one can confirm ({why}). "
                + $"Pass --yes to {verb.Name} them, or --dry-run to see them first.");
            return (ConfirmationOutcome.NeedsYes, count);
        }

        // The stop signal ends the prompt: a Ctrl+C there means "no", at once, not a stop after work that never started.
        var confirmed = await context.Output.Console.ConfirmAsync(
            $"{char.ToUpperInvariant(verb.Name[0])}{verb.Name[1..]} {CliText.Count(count, "entry", "entries")} matching {Markup.Escape(selection.Description)}?",
            defaultValue: false,
            context.Environment.StopRequested);
        return (confirmed ? ConfirmationOutcome.Proceed : ConfirmationOutcome.Declined, count);
    }

    /// <summary>Counts the selection, showing the count so far on a terminal: a large DLQ takes seconds to list.</summary>
    private static Task<long> CountAsync(CommandContext context, Selection selection)
    {
        var stop = context.Environment.StopRequested;
        if (context.Output.IsJson || !context.Output.Console.Profile.Capabilities.Interactive)
        {
            return SelectionPreview.CountAsync(context.Dlq, selection.Filter, counted: _ => { }, stop);
        }

        return context.Output.Console.Status().StartAsync("Counting the selection...", status =>
            SelectionPreview.CountAsync(context.Dlq, selection.Filter, counted => status.Status = $"Counting the selection: {CliText.Count(counted, "entry", "entries")} so far...", stop));
    }
}
