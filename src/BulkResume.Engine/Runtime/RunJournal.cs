using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Runtime;

/// <summary>
/// The record of one executing run: the steps it kept from the run it resumes (replayed in order, by name, without
/// running them) and the steps it executes (appended and saved to the store one by one).
/// </summary>
/// <remarks>
/// A save finds the run canceled (by a caller of the API, meanwhile) writes nothing and stops the run: a cancel is final.
/// </remarks>
internal sealed class RunJournal
{
    private readonly DlqStoreWrites _writes;
    private readonly StepRecord[] _recorded;
    private int _replayed;

    private RunJournal(DlqStoreWrites writes, RunRecord run)
    {
        _writes = writes;
        Run = run;
        _recorded = run.Steps.Where(step => step.StepType != StepType.Initial).ToArray();
    }

    /// <summary>The run as recorded so far.</summary>
    public RunRecord Run { get; private set; }

    /// <summary>Whether a save found the run canceled, so that it executes no further and nothing more is written of it.</summary>
    public bool WasCanceled { get; private set; }

    /// <summary>
    /// Opens the journal of <paramref name="run"/>; a run with no steps yet (triggered or restarted) first records the
    /// Initial step that carries its payload.
    /// </summary>
    public static async ValueTask<RunJournal> OpenAsync(
        DlqStoreWrites writes, RunRecord run, string? payload, CancellationToken cancellationToken)
    {
        var journal = new RunJournal(writes, run);
        if (run.Steps.Count == 0)
        {
            await journal.RecordAsync(journal.NextStep("init", StepType.Initial, payload, StepState.Success, run.CreatedAt), cancellationToken)
                .ConfigureAwait(false);
        }

        return journal;
    }

    /// <summary>
    /// The recorded step the workflow's next step call stands for, or <see langword="null"/> once every recorded step
    /// has been replayed (the step runs for real).
    /// </summary>
    /// <exception cref="IncompatibleStepException">The next recorded step has another name or type.</exception>
    public StepRecord? Replay(string stepName, StepType stepType)
    {
        if (_replayed == _recorded.Length)
        {
            return null;
        }

        StepRecord recorded = _recorded[_replayed];
        if (!string.Equals(recorded.StepName, stepName, StringComparison.Ordinal))
        {
            throw IncompatibleStepException.Name(stepName, recorded.StepName);
        }

        if (recorded.StepType != stepType)
        {
            throw IncompatibleStepException.Type(WireNames.Of(stepType), WireNames.Of(recorded.StepType));
        }

        _replayed++;
        return recorded;
    }

    /// <summary>
    /// The step that would be appended next, numbered after the ones recorded (a trailing <see cref="StepState.Retry"/>
    /// record of the same step is the same step, so it keeps its number), with the retries it runs with recorded (the
    /// Initial step is not retried): a run that resumes this one later carries them as they were.
    /// </summary>
    public StepRecord NextStep(string stepName, StepType stepType, string? output, StepState state, DateTimeOffset createdAt) => new()
    {
        StepId = Run.Steps.Count - (RetryRecorded ? 1 : 0),
        CallType = "step",
        StepName = stepName,
        StepType = stepType,
        Out = output,
        State = state,
        CreatedAt = createdAt,
        Retries = stepType == StepType.Initial ? null : Run.Configuration.Retries,
    };

    /// <summary>
    /// Appends <paramref name="step"/> to the run and saves the run; a <see cref="StepState.Retry"/> record of the same
    /// step, left while it waited for its next attempt, is replaced.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was canceled; nothing was written.</exception>
    public async ValueTask RecordAsync(StepRecord step, CancellationToken cancellationToken)
    {
        Run = Run with { Steps = StepsEndingWith(step) };
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's steps with <paramref name="step"/> last, in place of a record of it waiting for its next attempt.</summary>
    public StepRecord[] StepsEndingWith(StepRecord step) =>
        [.. RetryRecorded ? Run.Steps.Take(Run.Steps.Count - 1) : Run.Steps, step];

    /// <summary>Whether the run's last step is a record of a step waiting for its next attempt.</summary>
    private bool RetryRecorded => Run.Steps.Count > 0 && Run.Steps[^1].State == StepState.Retry;

    /// <summary>Ends the run in <paramref name="state"/> at <paramref name="completedAt"/> and saves it.</summary>
    /// <exception cref="OperationCanceledException">The run was canceled; nothing was written.</exception>
    public async ValueTask FinishAsync(RunState state, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        Run = Run with { State = state, CompletedAt = completedAt };
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SaveAsync(CancellationToken cancellationToken)
    {
        if (WasCanceled || !await _writes.RecordRunAsync(Run, cancellationToken).ConfigureAwait(false))
        {
            WasCanceled = true;
            throw new OperationCanceledException($"Workflow run {Run.WorkflowRunId} was canceled.");
        }
    }
}
