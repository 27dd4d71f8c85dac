using BulkResume.Engine.Model;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Bulk;

/// <summary>
/// The one loop behind every operation that takes entries out of the DLQ (resume, restart, delete), parameterized by
/// what to make of each entry. By ids: all or nothing. By filter: one bounded page after the cursor, skipping entries a
/// concurrent caller took or changed so that they no longer match (the take re-checks the filter atomically); the
/// cursor only advances over entries this call has looked at.
/// </summary>
internal sealed class BulkTaker(IDlqStore store, int maxPageSize)
{
    public async ValueTask<BulkTakeResult> TakeAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, WorkflowRun?> make, CancellationToken cancellationToken)
    {
        if (!selection.IsByIds)
        {
            return await TakeByFilterAsync(selection, cursor, pageSize, make, cancellationToken).ConfigureAwait(false);
        }

        SelectionRules.ValidateIds(selection.DlqIds, maxPageSize);
        DlqTakeResult result = await store.TakeAsync(new DlqTake(selection.DlqIds, allOrNothing: true, make), cancellationToken).ConfigureAwait(false);
        return result.Missing.Count > 0
            ? throw new DlqEngineException(DlqErrorKind.NotFound, "Some DLQ messages were not found: " + string.Join(", ", result.Missing), "dlqIds")
            : new BulkTakeResult(result.Taken, Cursor: null);
    }

    public async ValueTask<TakenEntry> TakeOneAsync(string dlqId, Func<DlqEntry, WorkflowRun?> make, CancellationToken cancellationToken)
    {
        SelectionRules.ValidateId(dlqId);
        DlqTakeResult result = await store.TakeAsync(new DlqTake([dlqId], allOrNothing: true, make), cancellationToken).ConfigureAwait(false);
        return result.Taken.Count == 1 ? result.Taken[0] : throw SelectionRules.NotFound(dlqId);
    }

    private async ValueTask<BulkTakeResult> TakeByFilterAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, WorkflowRun?> make, CancellationToken cancellationToken)
    {
        DlqKey? after = string.IsNullOrEmpty(cursor) ? null : DlqCursor.Decode(cursor, selection);
        var taken = new List<TakenEntry>(pageSize);
        while (true)
        {
            int wanted = pageSize - taken.Count;

            // One more than wanted tells whether matching entries remain after this page.
            IReadOnlyList<DlqEntry> page = await store.QueryAsync(new DlqQuery(selection, after, wanted + 1), cancellationToken).ConfigureAwait(false);
            DlqEntry[] candidates = page.Take(wanted).ToArray();
            if (candidates.Length == 0)
            {
                return new BulkTakeResult(taken, Cursor: null);
            }

            // Entries a concurrent caller took meanwhile, or changed so that they no longer match (a failure callback
            // retried, say), are reported missing and skipped: the store re-checks the selection as it takes each one.
            // The loop refills the page.
            DlqTakeResult result = await store.TakeAsync(
                new DlqTake(candidates.Select(entry => entry.DlqId).ToArray(), allOrNothing: false, make) { Condition = selection.Matches },
                cancellationToken).ConfigureAwait(false);
            taken.AddRange(result.Taken);
            after = DlqKey.Of(candidates[^1]);
            bool more = page.Count > candidates.Length;
            if (!more || taken.Count == pageSize)
            {
                return new BulkTakeResult(taken, more ? DlqCursor.Encode(after.Value, selection) : null);
            }
        }
    }
}
