using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output.Json;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>Reports how watching a bulk action ended, and returns the exit code.</summary>
/// <remarks>
/// A finished action ends with the line the paged command ends with (<c>Resumed N runs (...)</c>), from its
/// <c>processed</c>. One not watched to its end says that it goes on and prints the command that watches it again
/// (exit 3, as a paged run interrupted prints the one that continues it); <c>--detach</c> is done (exit 0).
/// </remarks>
internal static class ActionView
{
    /// <param name="context">The command's context.</param>
    /// <param name="verb">What the action does.</param>
    /// <param name="command">The command, as the document names it: <c>resume</c>, <c>actions watch</c>.</param>
    /// <param name="filter">The selection's flags, or null when the action was started elsewhere.</param>
    /// <param name="result">How watching ended.</param>
    public static int Write(CommandContext context, BulkVerb verb, string command, string? filter, WatchResult result)
    {
        var output = context.Output;
        var watchWith = result.Status == WatchStatus.Done ? null : ContinueCommand.Watch(context.Target, result.ActionId);
        if (output.IsJson)
        {
            output.Json(
                new WatchDocument(context.Target.Name, command, filter, result.Status, result.ActionId, result.Action is { } action ? ActionDocument.From(action) : null, watchWith, result.Error),
                CliJsonContext.Default.WatchDocument);
        }

        if (result.Error is not null)
        {
            output.Error(result.Error);
        }

        var described = filter ?? $"bulk action {result.ActionId}";
        if (result is { Status: WatchStatus.Done, Action: { } done })
        {
            if (!output.IsJson)
            {
                output.Console.MarkupLine($"[green]{Markup.Escape($"{char.ToUpperInvariant(verb.Past[0])}{verb.Past[1..]} {CliText.Count(done.Processed, verb.One, verb.Many)} ({described}).")}[/]");
            }

            if (done.Processed < done.Total)
            {
                output.Line($"{done.Total - done.Processed} of the {done.Total} counted when the action started left the selection while it ran (acted on by another call), and were not {verb.Past} by it.");
            }

            return ExitCodes.Done;
        }

        var sofar = result.Action is { } last ? $" ({verb.Past} {last.Processed} of {last.Total} so far)" : string.Empty;
        output.Line(result.Status switch
        {
            WatchStatus.Detached => $"Bulk action {result.ActionId} runs on the service without this command.",
            WatchStatus.StoppedWatching => $"Stopped watching bulk action {result.ActionId}{sofar}: the action goes on.",
            _ => $"Could not follow bulk action {result.ActionId}{sofar}: the action goes on.",
        });
        if (watchWith is null)
        {
            output.Line($"The {Hosting.DemoEngine.Name} DLQ lives in this process: the action ends with it.");
        }
        else
        {
            output.Line(ContinueCommand.WatchHeading(context.Target, again: result.Status != WatchStatus.Detached));
            output.Verbatim($"  {watchWith}");
        }

        return result.Status == WatchStatus.Detached ? ExitCodes.Done : ExitCodes.PartiallyDone;
    }
}
