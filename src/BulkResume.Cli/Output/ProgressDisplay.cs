using BulkResume.Cli.Operations;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>
/// Shows bulk work as it goes: a live Spectre progress bar on a terminal, a plain line per page when output is
/// redirected, nothing with <c>--json</c> (stdout carries only the document).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports the entries done so far through the callback it is given.</summary>
    public static async Task<T> RunAsync<T>(CliOutput output, TimeProvider time, BulkVerb verb, long? total, Func<Action<long>, Task<T>> work)
    {
        var started = time.GetTimestamp();
        string Describe(long done) => Throughput.Describe(done, time.GetElapsedTime(started));

        if (output.IsJson)
        {
            return await work(_ => { });
        }

        if (!output.Console.Profile.Capabilities.Interactive)
        {
            return await work(done => output.Console.WriteLine($"{verb.Past} {Describe(done)}"));
        }

        return await output.Console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(verb.Progressive, maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var result = await work(done =>
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{verb.Progressive}: {Describe(done)}");
                });
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }
}
