namespace BulkResume.Engine.Storage;

/// <summary>
/// The primitives of one <see cref="IDlqStore.WriteAsync{T}"/> transaction: find and lock entries, add, remove or
/// replace them, and store runs.
/// </summary>
/// <remarks>
/// The engine's rules (<c>DlqStoreWrites</c>) call them in an order that reads before it changes anything.
/// </remarks>
public interface IDlqTransaction
{
    /// <summary>Cancels the transaction.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>
    /// The entries with these ids that are in the DLQ, locked for this transaction; waits for another transaction that
    /// holds one.
    /// </summary>
    /// <param name="dlqIds">The ids; none given twice.</param>
    /// <returns>The entries present.</returns>
    /// <remarks>The order of the answer does not matter.</remarks>
    ValueTask<IReadOnlyList<DlqEntry>> LockEntriesAsync(IReadOnlyList<string> dlqIds);

    /// <summary>
    /// The query's page of keys (<see cref="IDlqStore.QueryAsync"/> would return these entries), each with its entry
    /// locked for this transaction, or with none when another transaction holds the entry at that moment: a store may
    /// pass over such an entry instead of waiting for it.
    /// </summary>
    /// <param name="query">The page to read.</param>
    /// <returns>The keys read, in <see cref="DlqKey"/> order, with the entries locked.</returns>
    ValueTask<IReadOnlyList<LockedEntry>> LockPageAsync(DlqQuery query);

    /// <summary>
    /// The runs with these ids that are stored (as committed, or as this transaction saved them), locked for this
    /// transaction until it ends; waits for another transaction that holds one.
    /// </summary>
    /// <param name="workflowRunIds">The ids.</param>
    /// <returns>The runs found, by id.</returns>
    /// <remarks>
    /// The engine reads a run, changes it and saves it (a step appended, an answer recorded): a store must not let
    /// another transaction read the same run in between, or one of the two changes is lost (PostgreSQL: <c>SELECT ...
    /// FOR UPDATE</c>, in id order so that two transactions can't deadlock; a store with one writer at a time has
    /// nothing more to do). A run not stored yet is not locked.
    /// </remarks>
    ValueTask<IReadOnlyDictionary<string, RunRecord>> GetRunsAsync(IReadOnlyList<string> workflowRunIds);

    /// <summary>Adds entries whose ids are not in the DLQ (the engine checked); another transaction adding one of them at the same time fails this one.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>A task that completes when they are added.</returns>
    ValueTask AddEntriesAsync(IReadOnlyList<DlqEntry> entries);

    /// <summary>Removes entries this transaction locked; their runs stay.</summary>
    /// <param name="entries">The entries, as locked.</param>
    /// <returns>A task that completes when they are removed.</returns>
    ValueTask RemoveEntriesAsync(IReadOnlyList<DlqEntry> entries);

    /// <summary>Replaces an entry this transaction locked by a new version of it (same id, workflow URL and key).</summary>
    /// <param name="entry">The new version.</param>
    /// <returns>A task that completes when it is replaced.</returns>
    ValueTask ReplaceEntryAsync(DlqEntry entry);

    /// <summary>Inserts or replaces runs (matched by id).</summary>
    /// <param name="runs">The runs; no id twice.</param>
    /// <returns>A task that completes when they are stored.</returns>
    ValueTask SaveRunsAsync(IReadOnlyList<RunRecord> runs);

    /// <summary>
    /// Adds <paramref name="action"/> (not finished, id new), unless an unfinished action with its
    /// <see cref="BulkActionRecord.Key"/> is stored: then adds nothing and returns that one.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <returns><paramref name="action"/> when added, otherwise the unfinished action of its key.</returns>
    /// <remarks>Another transaction adding one of the same key at the same time waits for this one or fails.</remarks>
    ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action);

    /// <summary>
    /// Adds <paramref name="processed"/> to the action's <see cref="BulkActionRecord.Processed"/> as one atomic increment
    /// (other transactions may add to it at the same time), and sets its <see cref="BulkActionRecord.CompletedAt"/> to
    /// <paramref name="completedAt"/> when given and not set yet; nothing when the action is not stored.
    /// </summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="processed">How many items this transaction acted on; 0 or more.</param>
    /// <param name="completedAt">When the action finished, or <see langword="null"/> while it runs.</param>
    /// <returns>A task that completes when it is written.</returns>
    ValueTask AddBulkActionProgressAsync(string actionId, long processed, DateTimeOffset? completedAt);

    /// <summary>Adds deliveries whose message ids are not stored (the engine makes them new).</summary>
    /// <param name="deliveries">The deliveries.</param>
    /// <returns>A task that completes when they are added.</returns>
    ValueTask AddDeliveriesAsync(IReadOnlyList<DeliveryRecord> deliveries);

    /// <summary>
    /// Claims the deliveries that are due at <paramref name="now"/> (<see cref="DeliveryRecord.DueAt"/> at or before it)
    /// and that no one holds (<see cref="DeliveryRecord.LeasedUntil"/> not set, or at or before <paramref name="now"/>),
    /// earliest due first (then by message id, ordinal), at most <paramref name="limit"/>: each is leased until
    /// <paramref name="leaseUntil"/>.
    /// </summary>
    /// <param name="now">The time to compare with.</param>
    /// <param name="leaseUntil">Until when the caller holds what it claims.</param>
    /// <param name="limit">How many at most; 1 or more.</param>
    /// <returns>The deliveries claimed, with their new lease, in that order.</returns>
    /// <remarks>Two transactions never claim the same delivery: one that another holds a lock on is passed over.</remarks>
    ValueTask<IReadOnlyList<DeliveryRecord>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>Replaces the stored delivery of <paramref name="delivery"/>'s message id by it (a retry's new time and definition, a lease given back).</summary>
    /// <param name="delivery">The new version; its run is the stored one's.</param>
    /// <returns>Whether a delivery of that id was stored (it was not when its run ended or was canceled meanwhile).</returns>
    ValueTask<bool> ReplaceDeliveryAsync(DeliveryRecord delivery);

    /// <summary>Removes the deliveries of these message ids (their answers are recorded).</summary>
    /// <param name="messageIds">The ids; none given twice.</param>
    /// <returns>How many were stored and are removed.</returns>
    ValueTask<int> RemoveDeliveriesAsync(IReadOnlyList<string> messageIds);

    /// <summary>Removes every delivery of a run (it ended, or was canceled).</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <returns>How many were removed.</returns>
    ValueTask<int> RemoveRunDeliveriesAsync(string workflowRunId);
}
