using System.Collections.Concurrent;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Runtime;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>
/// Executes workflows in process for a <see cref="DlqEngine"/>: map a workflow URL to a delegate, trigger runs, and
/// every run of a mapped URL that the engine resumes or restarts executes too, replaying the steps it kept.
/// </summary>
/// <remarks>
/// Runs execute on the thread pool, never in the caller's call; <see cref="WaitForIdleAsync"/> waits for them. Runs of
/// URLs not mapped stay <see cref="RunState.Started"/>, as without a runtime.
/// <code>
/// await using var runtime = new WorkflowRuntime(engine).Map(url, async context =>
/// {
///     string order = await context.RunAsync("reserve-stock", ct => ReserveAsync(context.Payload, ct));
///     await context.SleepAsync("cool-off", TimeSpan.FromMinutes(5));
///     await context.RunAsync("charge-card", ct => ChargeAsync(order, ct));
/// });
/// string runId = await runtime.TriggerAsync(url, """{"orderId":42}""");
/// await runtime.WaitForIdleAsync();
/// </code>
/// A step that throws is retried (the run's retries); when it is out of retries, the run fails and is dead-lettered
/// with its completed steps and the failed one. Nothing a workflow does crashes the runtime or the engine.
/// </remarks>
public sealed class WorkflowRuntime : IAsyncDisposable
{
    private readonly DlqEngine _engine;
    private readonly ConcurrentDictionary<string, Func<WorkflowContext, Task>> _workflows = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<IReadOnlyList<TakenEntry>> _onRunsCreated;
    private readonly Action<IReadOnlyList<RunRecord>> _onRunsCanceled;

    /// <summary>The runs executing now, each with what stops it when a caller cancels it.</summary>
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _executing = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);
    private int _running;
    private bool _disposed;

    /// <summary>Creates the runtime of <paramref name="engine"/>, which from now on executes the runs it creates for mapped URLs.</summary>
    /// <param name="engine">The engine; it has at most one runtime at a time.</param>
    /// <exception cref="InvalidOperationException">The engine already has a runtime; use it, or dispose it first.</exception>
    public WorkflowRuntime(DlqEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _onRunsCreated = OnRunsCreated;
        _onRunsCanceled = OnRunsCanceled;
        engine.ObserveCreatedRuns(_onRunsCreated);
        try
        {
            engine.ObserveCanceledRuns(_onRunsCanceled);
        }
        catch
        {
            engine.StopObservingCreatedRuns(_onRunsCreated);
            throw;
        }
    }

    /// <summary>Executes the runs of <paramref name="workflowUrl"/> with <paramref name="workflow"/>.</summary>
    /// <param name="workflowUrl">The workflow URL, exactly as runs and DLQ entries carry it.</param>
    /// <param name="workflow">The workflow: steps through <see cref="WorkflowContext"/>, in the same order every time.</param>
    /// <returns>This runtime, to map more.</returns>
    /// <exception cref="ArgumentException">The URL is empty or already mapped.</exception>
    public WorkflowRuntime Map(string workflowUrl, Func<WorkflowContext, Task> workflow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowUrl);
        ArgumentNullException.ThrowIfNull(workflow);
        if (!_workflows.TryAdd(workflowUrl, workflow))
        {
            throw new ArgumentException(
                $"A workflow is already mapped to {workflowUrl}; map each URL once, and branch inside the workflow if it must change.",
                nameof(workflowUrl));
        }

        return this;
    }

    /// <summary>Starts a new run of a mapped workflow; it executes on the thread pool after this call returns.</summary>
    /// <param name="workflowUrl">A URL given to <see cref="Map"/>.</param>
    /// <param name="payload">The body the workflow gets as <see cref="WorkflowContext.Payload"/>.</param>
    /// <param name="options">Retries, labels and flow-control key; <see langword="null"/> for <see cref="WorkflowTriggerOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels starting the run (not the run once started).</param>
    /// <returns>The new run's id.</returns>
    /// <exception cref="ArgumentException">The URL is not mapped, or an option is out of range; nothing was started.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public async Task<string> TriggerAsync(
        string workflowUrl, string? payload = null, WorkflowTriggerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowUrl);
        WorkflowTriggerOptions given = options ?? WorkflowTriggerOptions.Default;
        ValidateOptions(given);
        if (!_workflows.TryGetValue(workflowUrl, out Func<WorkflowContext, Task>? workflow))
        {
            throw new ArgumentException($"No workflow is mapped to {workflowUrl}; call Map with it first.", nameof(workflowUrl));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var run = new RunRecord
        {
            WorkflowRunId = _engine.Options.IdGenerator.NewWorkflowRunId(),
            WorkflowUrl = workflowUrl,
            State = RunState.Started,
            CreatedAt = _engine.Options.TimeProvider.GetUtcNow(),
            Configuration = new WorkflowRunConfiguration { Retries = given.Retries, FlowControlKey = given.FlowControlKey },
            Labels = given.Labels,
            Origin = WorkflowRunOrigin.Triggered,
        };
        await _engine.Store.SaveRunAsync(run, cancellationToken).ConfigureAwait(false);
        Start(workflow, run, RunInput.Of(payload));
        return run.WorkflowRunId;
    }

    /// <summary>Waits until every run started so far, and every run those started, has finished.</summary>
    /// <param name="cancellationToken">Stops the waiting (not the runs).</param>
    /// <returns>A task that completes when no run is executing.</returns>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Detaches the runtime from the engine (runs created afterwards stay <see cref="RunState.Started"/>), cancels the
    /// executing runs (they end <see cref="RunState.Canceled"/>) and waits for them.
    /// </summary>
    /// <returns>A task that completes when no run is executing.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _engine.StopObservingCreatedRuns(_onRunsCreated);
        _engine.StopObservingCanceledRuns(_onRunsCanceled);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await WaitForIdleAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private static void ValidateOptions(WorkflowTriggerOptions options)
    {
        string? problem = ResumeOverrideRules.CheckRetries(options.Retries) is { } retries ? "options.Retries " + retries
            : options.FlowControlKey is { } key && ResumeOverrideRules.CheckFlowControlKey(key) is { } keyProblem ? "options.FlowControlKey " + keyProblem
            : options.Labels is null || options.Labels.Any(string.IsNullOrWhiteSpace) ? "options.Labels must not be null or hold empty labels; remove them."
            : null;
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }
    }

    /// <summary>Called by the engine right after a resume or restart committed: starts the runs of mapped URLs (a delivered run is its endpoint's, never executed here).</summary>
    private void OnRunsCreated(IReadOnlyList<TakenEntry> taken)
    {
        foreach (TakenEntry item in taken)
        {
            if (item.Run is { Delivered: null } run && _workflows.TryGetValue(run.WorkflowUrl, out Func<WorkflowContext, Task>? workflow))
            {
                Start(workflow, run, RunInput.Of(item.Entry));
            }
        }
    }

    /// <summary>Called by the engine right after a cancel committed: stops the canceled runs that execute here.</summary>
    private void OnRunsCanceled(IReadOnlyList<RunRecord> canceled)
    {
        foreach (RunRecord run in canceled)
        {
            if (_executing.TryGetValue(run.WorkflowRunId, out CancellationTokenSource? stop))
            {
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The run ended meanwhile.
                }
            }
        }
    }

    private void Start(Func<WorkflowContext, Task> workflow, RunRecord run, RunInput input)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_running++ == 0)
            {
                _idle = NewIdleSignal(completed: false);
            }
        }

        _ = Task.Run(() => ExecuteAsync(workflow, run, input));
    }

    private async Task ExecuteAsync(Func<WorkflowContext, Task> workflow, RunRecord run, RunInput input)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _executing[run.WorkflowRunId] = stop;
        try
        {
            await RunExecution.ExecuteAsync(_engine, workflow, run, input, stop.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only the store can fail here (the workflow's own failures are dead-lettered), or a caller canceled the run
            // as it began: the run stays as last recorded, and the process and the engine go on.
        }
        finally
        {
            _executing.TryRemove(new KeyValuePair<string, CancellationTokenSource>(run.WorkflowRunId, stop));
            lock (_gate)
            {
                if (--_running == 0)
                {
                    _idle.SetResult();
                }
            }
        }
    }
}
