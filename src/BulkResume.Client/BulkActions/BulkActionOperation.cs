using System.Globalization;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;

namespace BulkResume;

/// <summary>
/// A bulk action the service is working through, to watch until it finishes, in the style of Azure.Core's
/// <c>Operation&lt;T&gt;</c>.
/// </summary>
/// <remarks>
/// <para>Returned by <see cref="DlqClient.StartBulkResumeAsync"/> and the other <c>StartBulk...</c> calls once the
/// action exists, and by <see cref="BulkActionsClient.GetOperation"/> for an action started elsewhere. The action runs
/// on the service whatever happens here: cancelling a wait, or dropping this object, stops watching it, never the
/// action, and no way to cancel a running action is documented.</para>
/// Thread-safe. Members are virtual so that tests can mock them (see <see cref="DlqModelFactory.BulkAction"/>).
/// </remarks>
public class BulkActionOperation
{
    private static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPollingInterval = TimeSpan.FromDays(1);

    private readonly WorkflowPipeline? _pipeline;
    private readonly string? _id;
    private readonly object _valueLock = new();
    private BulkAction? _value;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected BulkActionOperation()
    {
    }

    internal BulkActionOperation(WorkflowPipeline pipeline, string id)
    {
        _pipeline = pipeline;
        _id = id;
    }

    /// <summary>The action's id (<see cref="BulkAction.ActionId"/>): keep it to watch the action again later with <see cref="BulkActionsClient.GetOperation"/>.</summary>
    public virtual string Id => _id ?? throw MockingOnly();

    /// <summary>Whether the last status read (<see cref="Value"/>) says the action has finished.</summary>
    /// <value>False until a status read says so, and always before the first.</value>
    /// <remarks>
    /// Finished means <see cref="BulkActionState.Finished"/>, or a state this SDK does not know with a
    /// <see cref="BulkAction.CompletedAt"/>, which the service gives only to finished actions.
    /// </remarks>
    public virtual bool HasCompleted => Value?.IsFinished == true;

    /// <summary>The last status of the action this operation read, or null before the first read.</summary>
    /// <value>
    /// Null until <see cref="UpdateStatusAsync"/> or <see cref="WaitForCompletionAsync"/> has read the action once: the
    /// call that starts an action answers only its id, and reading it at once would cost every caller a request.
    /// </value>
    public virtual BulkAction? Value
    {
        get
        {
            lock (_valueLock)
            {
                return _value;
            }
        }
    }

    /// <summary>Reads the action's status once (<c>GET /v2/workflows/bulkActions/{actionId}</c>) and keeps it in <see cref="Value"/>.</summary>
    /// <param name="cancellationToken">Aborts the request; the action goes on.</param>
    /// <returns>The action as the service reports it now; once it has finished, the finished status without a request.</returns>
    /// <exception cref="WorkflowApiException">The service answered an error: status 404 when it does not know the action (or no longer: it keeps one 7 days after it was created).</exception>
    /// <exception cref="RateLimitedException">The service answered 429 and the client's retries ran out.</exception>
    /// <remarks>A finished action does not change, so it is not read again.</remarks>
    public virtual Task<BulkAction> UpdateStatusAsync(CancellationToken cancellationToken = default) => UpdateCoreAsync(cancellationToken);

    /// <summary>Reads the action's status until it has finished, and returns the finished status.</summary>
    /// <param name="pollingInterval">How long to wait between reads; null for 1 second. More than zero and at most a day.</param>
    /// <param name="progress">Hears every status read, the finished one last, for example to draw a progress bar from <see cref="BulkAction.Processed"/> and <see cref="BulkAction.Total"/>.</param>
    /// <param name="cancellationToken">Stops watching: the wait ends with an <see cref="OperationCanceledException"/>, and the action goes on.</param>
    /// <returns>The finished action; <see cref="BulkAction.Processed"/> is below <see cref="BulkAction.Total"/> when entries left the selection while it ran.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollingInterval"/> is not more than zero, or more than a day. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">A read failed with an error other than a rate limit (the client's retries spent): status 404 when the service does not know the action. The action goes on: wait again to keep watching.</exception>
    /// <remarks>
    /// <para>The first read is sent at once, each next one <paramref name="pollingInterval"/> after the previous answer.
    /// A read answered <c>429</c> does not end the wait: the client holds its requests until the limit's reset
    /// (<c>Retry-After</c>, or the reset the answer names, capped at <see cref="WorkflowRetryOptions.MaxRateLimitWait"/>),
    /// as it does between retries, and the next read goes out after the later of that and the interval.</para>
    /// One trace span, <c>WaitForBulkAction</c>, covers the wait.
    /// </remarks>
    public virtual async Task<BulkAction> WaitForCompletionAsync(TimeSpan? pollingInterval = null, IProgress<BulkAction>? progress = null, CancellationToken cancellationToken = default)
    {
        var interval = pollingInterval ?? DefaultPollingInterval;
        if (interval <= TimeSpan.Zero || interval > MaxPollingInterval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pollingInterval),
                interval,
                "The polling interval must be more than zero and at most a day, or null for 1 second.");
        }

        var pipeline = Pipeline;
        using var activity = ClientTelemetry.Source.StartActivity("WaitForBulkAction");
        activity?.SetTag("bulkresume.action_id", Id);
        while (true)
        {
            if (Value is not { IsFinished: true })
            {
                // A 429 that any request of the client met holds this read too, before its own timeouts start.
                await pipeline.RateLimits.WaitAsync(pipeline.Time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var action = await UpdateCoreAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(action);
                if (action.IsFinished)
                {
                    return action;
                }
            }
            catch (RateLimitedException limited)
            {
                var pause = pipeline.PauseFor(limited);
                Log.BulkActionWaitRateLimited(pipeline.Logger, Id, pause.TotalMilliseconds);
            }

            await Task.Delay(interval, pipeline.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The id, and the last status read.</summary>
    /// <returns>For example <c>act_1 (IN_PROGRESS 1200/20000)</c>, or only the id before the first read.</returns>
    /// <remarks>An instance made for mocking prints its type's name: a description never throws.</remarks>
    public override string ToString()
    {
        var id = _pipeline is null ? GetType().Name : Id;
        return Value is { } action
            ? string.Create(CultureInfo.InvariantCulture, $"{id} ({action.State} {action.Processed}/{action.Total})")
            : id;
    }

    private WorkflowPipeline Pipeline => _pipeline ?? throw MockingOnly();

    private static InvalidOperationException MockingOnly() =>
        new("This BulkActionOperation was created for mocking; override the member you call.");

    private async Task<BulkAction> UpdateCoreAsync(CancellationToken cancellationToken)
    {
        if (Value is { IsFinished: true } finished)
        {
            return finished;
        }

        var action = await BulkActionRequests.ReadAsync(Pipeline, Id, cancellationToken).ConfigureAwait(false);
        lock (_valueLock)
        {
            // Reads may overlap: an answer that arrives late never replaces a finished one.
            if (_value is not { IsFinished: true })
            {
                _value = action;
            }

            return _value;
        }
    }
}
