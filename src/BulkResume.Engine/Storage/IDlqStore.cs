using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>
/// Where DLQ entries and workflow runs live. Small on purpose: reads are keyset pages a SQL store can answer with
/// an index range scan, and every entry leaves the DLQ through an atomic take, by ids (<see cref="TakeAsync"/>) or by
/// criteria (<see cref="TakePageAsync"/>).
/// Every implementation must pass the engine's store conformance suite.
/// </summary>
public interface IDlqStore
{
    /// <summary>
    /// Dead-letters <paramref name="entries"/> and records, for each, its failed run (state
    /// <see cref="RunState.RunFailed"/>, <see cref="WorkflowRun.DlqId"/> set), inserting or updating it. All or nothing:
    /// an id already in the DLQ, or given twice, fails the call with an <see cref="ArgumentException"/> and adds nothing.
    /// </summary>
    /// <param name="entries">The entries to add.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    ValueTask AddAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The entry with this id, or <see langword="null"/> when it is not in the DLQ.</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default);

    /// <summary>The entries of the query's selection strictly after its position, in <see cref="DlqKey"/> order, at most its limit.</summary>
    /// <param name="query">The page to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The atomic step by ids: for each id of <paramref name="take"/> still in the DLQ, removes the entry and stores the
    /// run <see cref="DlqTake.MakeRun"/> makes of it, in one transaction. With <see cref="DlqTake.AllOrNothing"/>, a
    /// missing id changes nothing. An entry is taken by exactly one caller, however many race for it.
    /// </summary>
    /// <param name="take">What to take and what to make of it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was taken and which ids were missing.</returns>
    ValueTask<DlqTakeResult> TakeAsync(DlqTake take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The atomic step by criteria: takes the entries <see cref="QueryAsync"/> would return for
    /// <paramref name="query"/> (the first <see cref="DlqQuery.Limit"/> entries of its selection after its position) and
    /// stores the run <paramref name="makeRun"/> makes of each, finding and removing them in one transaction, so every
    /// entry taken matches the selection as it is taken, and is taken by exactly one caller however many race for it.
    /// A store may pass over entries another caller is taking at that moment: they are that caller's, or stay in the
    /// DLQ. Read the page with <see cref="TakenPages"/>.
    /// </summary>
    /// <param name="query">The selection, the position after which to take, and how many entries at most.</param>
    /// <param name="makeRun">
    /// Makes the run that replaces a taken entry, or returns <see langword="null"/> to only remove it. It must be pure:
    /// a store may call it before it knows whether it commits, and more than once. When it throws, nothing is taken.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was taken and where the next page starts.</returns>
    ValueTask<DlqTakenPage> TakePageAsync(DlqQuery query, Func<DlqEntry, WorkflowRun?> makeRun, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces the entry with this id by what <paramref name="update"/> makes of it (its id, workflow URL and
    /// key must stay the same), for changes that keep an entry in the DLQ, such as its failure-callback state, and stores
    /// the entry's failed run anew (<see cref="DeadLetteredRun"/>) in the same transaction. Concurrent updates of one
    /// entry are serialized: each sees the result of the one before.
    /// </summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="update">A pure function of the current entry; when it throws, nothing changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated entry, or <see langword="null"/> when the id is not in the DLQ.</returns>
    ValueTask<DlqEntry?> UpdateAsync(string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default);

    /// <summary>The run with this id, or <see langword="null"/>.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    ValueTask<WorkflowRun?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a run (matched by <see cref="WorkflowRun.WorkflowRunId"/>).</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the run is stored.</returns>
    ValueTask SaveRunAsync(WorkflowRun run, CancellationToken cancellationToken = default);

    /// <summary>The runs of the query, ordered by run id (ordinal), strictly after its position, at most its limit.</summary>
    /// <param name="query">The page to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    ValueTask<IReadOnlyList<WorkflowRun>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts of what the store holds.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
