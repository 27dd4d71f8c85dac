using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Commands;

/// <summary>
/// Runs a command in two steps: check every flag and which DLQ is meant first (a bad one exits 2 before anything is
/// sent), then open the DLQ, say which one, and do the work.
/// </summary>
/// <remarks>Failures of the service become one line on stderr and exit 1.</remarks>
internal static class CommandHost
{
    public static async Task<int> RunAsync<TPlan>(
        CliEnvironment environment,
        IReadOnlyList<string> commandLine,
        TargetArguments targetArguments,
        bool json,
        Func<DateTimeOffset, TPlan> prepare,
        Func<CommandContext, TPlan, Task<int>> execute)
    {
        var output = new CliOutput(environment.Console, environment.Out, environment.Error, json);
        TPlan plan;
        DlqTarget target;
        try
        {
            plan = prepare(environment.Time.GetUtcNow());
            target = await DlqTarget.OpenAsync(targetArguments, environment, environment.StopRequested);
        }
        catch (UsageException e)
        {
            output.Error(e.Message);
            return ExitCodes.BadArguments;
        }

        using (target)
        {
            output.Line(target.Banner);
            try
            {
                return await execute(new CommandContext(environment, output, target, commandLine), plan);
            }
            catch (OperationCanceledException) when (environment.StopRequested.IsCancellationRequested)
            {
                output.Error("Interrupted before anything was changed.");
                return ExitCodes.Failed;
            }
            catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
            {
                output.Error(ErrorText.Describe(e, target));
                return ExitCodes.Failed;
            }
        }
    }
}
