namespace BulkResume.Engine.Storage;

/// <summary>
/// Where DLQ entries and workflow runs live: reads, and one atomic write step in which the engine finds, locks and
/// changes entries through an <see cref="IDlqTransaction"/>.
/// </summary>
/// <remarks>
/// A store implements storage only; what a take removes, all-or-nothing, the runs it makes and every other rule of the
/// DLQ is the engine's, written once over these primitives. Every implementation must pass the store conformance suite
/// (the <c>BulkResume.Engine.StoreConformance</c> package).
/// </remarks>
public interface IDlqStore
{
    /// <summary>The entry with this id, or <see langword="null"/> when it is not in the DLQ.</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of the query's selection strictly after its position, in <see cref="DlqKey"/> order, at most its
    /// limit.
    /// </summary>
    /// <param name="query">The page to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <remarks>
    /// A SQL store answers it with an index range scan, so a page costs the same however deep the position is.
    /// </remarks>
    ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default);

    /// <summary>The run with this id, or <see langword="null"/>.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default);

    /// <summary>The runs of the query's selection strictly after its position, ordered by run id (ordinal), at most its limit.</summary>
    /// <param name="query">The page to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts of what the store holds, all of one moment.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>The bulk action with this id, or <see langword="null"/>.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action as last committed, or <see langword="null"/>.</returns>
    ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bulk actions created at or after <paramref name="createdSince"/>, ordered by action id descending (ordinal), strictly
    /// before <paramref name="beforeActionId"/> when given, at most <paramref name="limit"/>.
    /// </summary>
    /// <param name="createdSince">The oldest creation time to return.</param>
    /// <param name="beforeActionId">Where the previous page ended, or <see langword="null"/> to start.</param>
    /// <param name="unfinishedOnly">Whether to return only actions whose <see cref="BulkActionRecord.CompletedAt"/> is not set.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
        DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>The deliveries of a run that are stored, earliest due first (then by message id, ordinal).</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries, as last committed.</returns>
    ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The earliest time at which a stored delivery can be claimed (the later of its <see cref="DeliveryRecord.DueAt"/> and
    /// its <see cref="DeliveryRecord.LeasedUntil"/>), or <see langword="null"/> when none is stored.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time, or <see langword="null"/>.</returns>
    /// <remarks>A delivery worker sleeps until then, or until it adds one itself.</remarks>
    ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a run (matched by <see cref="RunRecord.WorkflowRunId"/>) on its own, outside any transaction.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the run is stored.</returns>
    ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits what it did when it returns; when it throws, nothing
    /// it did is kept.
    /// </summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">The reads and changes, through the transaction.</param>
    /// <param name="cancellationToken">Cancels the call; the transaction is rolled back.</param>
    /// <returns>What <paramref name="work"/> returned, once it is committed.</returns>
    /// <remarks>
    /// Entries it locks are locked until the transaction ends: no other transaction changes or takes them. A store may
    /// run <paramref name="work"/> more than once (after a deadlock, say), so it must not have other effects.
    /// </remarks>
    ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default);
}
