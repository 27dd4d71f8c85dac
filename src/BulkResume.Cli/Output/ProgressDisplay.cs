using BulkResume.Cli.Operations;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>
/// Shows bulk work as it goes: a live Spectre display on a terminal, a plain line per page when output is redirected,
/// nothing with <c>--json</c> (stdout carries only the document).
/// </summary>
/// <remarks>
/// It never shows more than was done: a bar (only when the selection was counted) stays where it stopped when the work
/// is interrupted or fails.
/// </remarks>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports the entries done so far through the callback it is given.</summary>
    /// <param name="output">Where to show progress.</param>
    /// <param name="time">The clock for elapsed time and rate.</param>
    /// <param name="verb">What is being done.</param>
    /// <param name="total">The entries counted before starting, or null when they were not counted (<c>--yes</c>).</param>
    /// <param name="work">The work.</param>
    /// <param name="finished">Whether the work's result means every selected entry was done.</param>
    public static async Task<T> RunAsync<T>(CliOutput output, TimeProvider time, BulkVerb verb, long? total, Func<Action<long>, Task<T>> work, Func<T, bool> finished)
    {
        var started = time.GetTimestamp();
        string Describe(long done) => Throughput.Describe(done, total, time.GetElapsedTime(started));

        if (output.IsJson)
        {
            return await work(_ => { });
        }

        if (!output.Console.Profile.Capabilities.Interactive)
        {
            return await work(done => output.Console.WriteLine($"{verb.Past} {Describe(done)}"));
        }

        ProgressColumn[] columns = total is null
            ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn(), new SpinnerColumn()]
            : [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn()];
        return await output.Console.Progress()
            .Columns(columns)
            .StartAsync(async context =>
            {
                var task = context.AddTask(verb.Progressive, maxValue: Math.Max(total ?? 1, 1));
                var done = 0L;
                var result = await work(count =>
                {
                    done = count;
                    task.Value = Math.Min(count, task.MaxValue);
                    task.Description = Markup.Escape($"{verb.Progressive}: {Describe(count)}");
                });
                if (finished(result))
                {
                    task.Value = task.MaxValue;
                }
                else
                {
                    task.Description = Markup.Escape($"{verb.Progressive} stopped: {Describe(done)}");
                }

                task.StopTask();
                return result;
            });
    }
}
