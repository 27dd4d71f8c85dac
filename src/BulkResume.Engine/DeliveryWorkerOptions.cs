namespace BulkResume.Engine;

/// <summary>How a <see cref="DeliveryWorker"/> sends deliveries to workflow endpoints.</summary>
public sealed class DeliveryWorkerOptions
{
    /// <summary>How long one attempt may take before it counts as failed (and is retried).</summary>
    /// <value>30 seconds by default.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed delivery is held by this worker: if the process stops before recording its answer, another
    /// worker on the same store delivers it again once the lease ends.
    /// </summary>
    /// <remarks>Must be longer than <see cref="Timeout"/>.</remarks>
    /// <value>Two minutes by default.</value>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many deliveries the worker has in flight at most, over every run and flow-control key.</summary>
    /// <value>64 by default.</value>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>How often an idle worker looks for deliveries another process enqueued.</summary>
    /// <value>Half a second by default; deliveries this process enqueues wake it at once.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The handler requests go through, for tests; the worker does not dispose it.</summary>
    /// <value>
    /// <see langword="null"/> by default: a connection-pooling handler of the worker's own that uses no proxy and follows
    /// no redirect.
    /// </value>
    public HttpMessageHandler? Handler { get; init; }
}
