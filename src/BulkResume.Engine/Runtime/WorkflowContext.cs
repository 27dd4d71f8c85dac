using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Runtime;

namespace BulkResume.Engine;

/// <summary>What a workflow sees of its run: the payload, and its steps.</summary>
/// <remarks>
/// A step the run already recorded (a resumed run's steps before the point of failure) returns its recorded output
/// without running; any other step runs, with the run's retries, and is recorded. Steps run one at a time: await each
/// before calling the next.
/// </remarks>
public sealed class WorkflowContext
{
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(49);

    private readonly RunJournal _journal;
    private readonly TimeProvider _clock;
    private int _stepInProgress;
    private bool _delayed;

    internal WorkflowContext(RunJournal journal, string? payload, TimeProvider clock, CancellationToken cancellationToken)
    {
        _journal = journal;
        _clock = clock;
        Payload = payload;
        CancellationToken = cancellationToken;
    }

    /// <summary>The run's id.</summary>
    public string WorkflowRunId => _journal.Run.WorkflowRunId;

    /// <summary>The workflow URL the run was started for.</summary>
    public string WorkflowUrl => _journal.Run.WorkflowUrl;

    /// <summary>The body the run was triggered with (a resumed or restarted run gets its original's).</summary>
    public string? Payload { get; }

    /// <summary>Canceled when the runtime shuts down or a caller cancels the run; the run then ends <see cref="RunState.Canceled"/>.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Why the run failed in one of its steps, even if the workflow caught the exception; <see langword="null"/> while none failed.</summary>
    internal Exception? Fault { get; private set; }

    /// <summary>Runs a step whose output is text (recorded as a JSON string), or returns its recorded output.</summary>
    /// <param name="stepName">The step's name, unique and stable across code changes before any point of failure.</param>
    /// <param name="step">The step's work; it gets <see cref="CancellationToken"/>.</param>
    /// <returns>The step's output.</returns>
    public Task<string> RunAsync(string stepName, Func<CancellationToken, Task<string>> step) =>
        RunAsync(stepName, step, RuntimeJsonContext.Default.String);

    /// <summary>Runs a step whose output is serialized with <paramref name="outputType"/>, or returns its recorded output.</summary>
    /// <typeparam name="T">The output's type.</typeparam>
    /// <param name="stepName">The step's name, unique and stable across code changes before any point of failure.</param>
    /// <param name="step">The step's work; it gets <see cref="CancellationToken"/>.</param>
    /// <param name="outputType">Source-generated JSON metadata of <typeparamref name="T"/> (from your <c>JsonSerializerContext</c>).</param>
    /// <returns>The step's output; a recorded step without output replays as <see langword="default"/>.</returns>
    public async Task<T> RunAsync<T>(string stepName, Func<CancellationToken, Task<T>> step, JsonTypeInfo<T> outputType)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(outputType);
        StepRecord? recorded = BeginStep(stepName, StepType.Run);
        try
        {
            if (recorded is not null)
            {
                return recorded.Out is null ? default! : JsonSerializer.Deserialize(recorded.Out, outputType)!;
            }

            await WaitForDelayAsync().ConfigureAwait(false);
            DateTimeOffset startedAt = _clock.GetUtcNow();
            T output = await AttemptAsync(stepName, step, startedAt).ConfigureAwait(false);
            string json = JsonSerializer.Serialize(output, outputType);
            await _journal.RecordAsync(_journal.NextStep(stepName, StepType.Run, json, StepState.Success, startedAt), CancellationToken)
                .ConfigureAwait(false);
            return output;
        }
        finally
        {
            Volatile.Write(ref _stepInProgress, 0);
        }
    }

    /// <summary>Sleeps for <paramref name="duration"/> on the engine's clock, or returns at once when the step is recorded.</summary>
    /// <param name="stepName">The step's name, unique and stable across code changes before any point of failure.</param>
    /// <param name="duration">How long; zero or more.</param>
    /// <returns>A task that completes when the sleep is over.</returns>
    public async Task SleepAsync(string stepName, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        StepRecord? recorded = BeginStep(stepName, StepType.SleepFor);
        try
        {
            if (recorded is null)
            {
                await WaitForDelayAsync().ConfigureAwait(false);
                DateTimeOffset startedAt = _clock.GetUtcNow();
                await SleepUntilAsync(startedAt + duration).ConfigureAwait(false);
                await _journal.RecordAsync(_journal.NextStep(stepName, StepType.SleepFor, null, StepState.Success, startedAt), CancellationToken)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _stepInProgress, 0);
        }
    }

    /// <summary>Checks that the step may start, and replays it when it is recorded.</summary>
    private StepRecord? BeginStep(string stepName, StepType stepType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        if (Fault is not null)
        {
            throw Fault;
        }

        if (Interlocked.Exchange(ref _stepInProgress, 1) != 0)
        {
            throw new InvalidOperationException(
                $"Step {stepName} started while another step of run {WorkflowRunId} was running; await each step before calling the next.");
        }

        try
        {
            return _journal.Replay(stepName, stepType);
        }
        catch (IncompatibleStepException exception)
        {
            Volatile.Write(ref _stepInProgress, 0);
            Fault = exception;
            throw;
        }
    }

    /// <summary>Sleeps in timer-sized pieces (a timer waits at most about 49 days) until the clock reads <paramref name="wakeAt"/>.</summary>
    private async Task SleepUntilAsync(DateTimeOffset wakeAt)
    {
        for (TimeSpan left = wakeAt - _clock.GetUtcNow(); left > TimeSpan.Zero; left = wakeAt - _clock.GetUtcNow())
        {
            await Task.Delay(left < LongestTimer ? left : LongestTimer, _clock, CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The run's <c>Upstash-Delay</c>, waited once, before the first step that really runs (replayed steps take no time,
    /// so this is the run's next step).
    /// </summary>
    private async Task WaitForDelayAsync()
    {
        if (_journal.Run.Configuration.Delay is { } delay && !_delayed)
        {
            _delayed = true;
            await SleepUntilAsync(_clock.GetUtcNow() + delay).ConfigureAwait(false);
        }
    }

    private async Task<T> AttemptAsync<T>(string stepName, Func<CancellationToken, Task<T>> step, DateTimeOffset startedAt)
    {
        int attempts = Math.Max(0, _journal.Run.Configuration.Retries) + 1;
        RetryDelayExpression? retryDelay = _journal.Run.Configuration.RetryDelay is { } text ? RetryDelayExpression.TryParse(text, out _) : null;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await step(CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt == attempts && !CancellationToken.IsCancellationRequested)
            {
                Fault = new StepFailedException(
                    _journal.NextStep(stepName, StepType.Run, null, StepState.Failed, startedAt), attempts, exception);
                throw Fault;
            }
            catch (Exception) when (!CancellationToken.IsCancellationRequested && retryDelay is null)
            {
                // Retried at once: the next attempt is the next loop.
            }
            catch (Exception) when (!CancellationToken.IsCancellationRequested)
            {
                // Spaced by the run's retry delay (retried counts the retries before this one, from 0); the logs show
                // the step waiting, with its next delivery time, until the attempt ends.
                DateTimeOffset next = _clock.GetUtcNow() + retryDelay!.DelayAfter(attempt - 1);
                StepRecord waiting = _journal.NextStep(stepName, StepType.Run, null, StepState.Retry, startedAt) with
                {
                    Details = new StepDetails { NextDeliveryTime = next },
                };
                await _journal.RecordAsync(waiting, CancellationToken).ConfigureAwait(false);
                await SleepUntilAsync(next).ConfigureAwait(false);
            }
        }
    }
}
