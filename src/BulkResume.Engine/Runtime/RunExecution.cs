namespace BulkResume.Engine.Runtime;

/// <summary>
/// Executes one run of a mapped workflow to its end: <see cref="RunState.Success"/> when the workflow returns,
/// dead-lettered when it fails (a step out of retries, a step sequence that no longer matches, an exception between
/// steps), <see cref="RunState.Canceled"/> when the runtime shuts down under it; a run a caller canceled stops and
/// stays as the cancel left it.
/// </summary>
internal static class RunExecution
{
    public static async Task ExecuteAsync(
        DlqEngine engine, Func<WorkflowContext, Task> workflow, RunRecord run, RunInput input, CancellationToken cancellationToken)
    {
        TimeProvider clock = engine.Options.TimeProvider;
        RunJournal journal = await RunJournal.OpenAsync(engine.Writes, run, input.Payload, cancellationToken).ConfigureAwait(false);
        var context = new WorkflowContext(journal, input.Payload, clock, cancellationToken);
        Exception? thrown = null;
        try
        {
            await workflow(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            thrown = exception;
        }

        if (journal.WasCanceled)
        {
            return;
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (context.Fault is null && thrown is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            await journal.FinishAsync(RunState.Canceled, now, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (RunFailure.Of(journal, context.Fault, thrown) is not { } failure)
        {
            await journal.FinishAsync(RunState.Success, now, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        DlqEntry entry = failure.ToEntry(journal.Run, input, engine.Options.IdGenerator.NewDlqId(now), now);
        await engine.Writes.AddUnlessCanceledAsync([entry], CancellationToken.None).ConfigureAwait(false);
    }
}
