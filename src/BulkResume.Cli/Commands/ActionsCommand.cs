using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Commands;

/// <summary><c>actions list|show|watch</c>: the bulk actions the service runs, started with <c>--async</c> here or elsewhere.</summary>
/// <remarks>Changes nothing: watching an action only reads it, and Ctrl+C stops watching, never the action.</remarks>
internal static class ActionsCommand
{
    private const string IdName = "ID";

    public static Command Create(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine) =>
        new("actions", "The bulk actions the service runs (started with --async, here or elsewhere): list them, show one, watch one to its end. The service keeps each 7 days after it was created.")
        {
            List(environment, target, commandLine),
            Show(environment, target, commandLine),
            Watch(environment, target, commandLine),
        };

    private static Command List(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine)
    {
        var state = new Option<string?>(BulkActionStateName.Flag) { Description = "Only the actions in this state: in-progress or finished.", HelpName = "STATE" };
        var output = new OutputOptions();
        var command = new Command("list", "List the bulk actions the service keeps, newest first as it lists them. Changes nothing.") { state };
        output.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            output.IsJson(parse),
            _ => (State: parse.GetValue(state) is { } text ? BulkActionStateName.Parse(text) : (BulkActionState?)null, Limit: output.ReadLimit(parse)),
            async (context, plan) =>
            {
                var count = 0L;
                var shown = new List<BulkAction>();
                await foreach (var action in context.Target.Client.BulkActions.ListAsync(plan.State, environment.StopRequested))
                {
                    count++;
                    if (shown.Count < plan.Limit)
                    {
                        shown.Add(action);
                    }
                }

                ActionsView.List(context, plan.State, count, shown);
                return ExitCodes.Done;
            }));
        return command;
    }

    private static Command Show(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine) =>
        ById(environment, target, commandLine, "show", "Show one bulk action: kind, state, progress, times and selection. Changes nothing.", async (context, actionId) =>
        {
            ActionsView.Show(context, await context.Target.Client.BulkActions.GetAsync(actionId, environment.StopRequested));
            return ExitCodes.Done;
        });

    private static Command Watch(CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine) =>
        ById(
            environment,
            target,
            commandLine,
            "watch",
            "Follow a bulk action with a progress bar until it finishes, ending with what it did (Resumed N runs). Ctrl+C stops watching; the action goes on.",
            async (context, actionId) =>
            {
                var operation = context.Target.Client.BulkActions.GetOperation(actionId);
                var first = await operation.UpdateStatusAsync(environment.StopRequested);
                var verb = BulkVerb.Of(first.Kind);
                var result = await ActionWatch.FollowAsync(context, operation, first, verb);
                return ActionView.Write(context, verb, "actions watch", filter: null, result);
            });

    /// <summary>A command on one action named by its id, with <c>--json</c>; an unknown action is told as such (exit 1).</summary>
    private static Command ById(
        CliEnvironment environment, TargetOptions target, IReadOnlyList<string> commandLine, string name, string description, Func<CommandContext, string, Task<int>> read)
    {
        var id = new Argument<string>(IdName) { Description = "The action's id, as --async or actions list printed it." };
        var json = new JsonOption();
        var command = new Command(name, description) { id };
        json.AddTo(command);
        command.SetAction(parse => CommandHost.RunAsync(
            environment,
            commandLine,
            target.Read(parse),
            json.IsJson(parse),
            _ => ReadId(parse, id),
            (context, actionId) => IfKnownAsync(context, actionId, () => read(context, actionId))));
        return command;
    }

    /// <exception cref="UsageException">The id is blank or has a control character: no action has one.</exception>
    private static string ReadId(ParseResult parse, Argument<string> id)
    {
        var text = parse.GetValue(id) ?? string.Empty;
        return string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl)
            ? throw new UsageException(IdName, $"{IdName} '{text}' is not a bulk action's id. Pass the id that --async or bulkresume actions list printed.")
            : text.Trim();
    }

    /// <summary>Runs <paramref name="read"/>; a 404 for the action is one line saying why it may be unknown, and exit 1.</summary>
    private static async Task<int> IfKnownAsync(CommandContext context, string actionId, Func<Task<int>> read)
    {
        try
        {
            return await read();
        }
        catch (WorkflowApiException e) when (e.Status == 404)
        {
            context.Output.Error(
                $"{context.Target.Name} has no bulk action '{actionId}': it is unknown, or was created more than 7 days ago (the service keeps an action 7 days). "
                + $"See {ContinueCommand.Actions(context.Target, "list")}.");
            return ExitCodes.Failed;
        }
    }
}
