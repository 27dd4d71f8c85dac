using BulkResume.Engine.Model;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Bulk;

/// <summary>
/// What every operation that takes entries out of the DLQ (resume, restart, delete) does, parameterized by what to make
/// of each entry. By ids: all or nothing. By filter: one bounded page after the cursor, found and taken in one store
/// transaction (so an entry a concurrent caller took or changed meanwhile is not in it); the cursor continues after the
/// last entry the page read.
/// </summary>
internal sealed class BulkTaker(IDlqStore store, int maxPageSize)
{
    public async ValueTask<BulkTakeResult> TakeAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, RunRecord?> make, CancellationToken cancellationToken)
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

    public async ValueTask<TakenEntry> TakeOneAsync(string dlqId, Func<DlqEntry, RunRecord?> make, CancellationToken cancellationToken)
    {
        SelectionRules.ValidateId(dlqId);
        DlqTakeResult result = await store.TakeAsync(new DlqTake([dlqId], allOrNothing: true, make), cancellationToken).ConfigureAwait(false);
        return result.Taken.Count == 1 ? result.Taken[0] : throw SelectionRules.NotFound(dlqId);
    }

    private async ValueTask<BulkTakeResult> TakeByFilterAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, RunRecord?> make, CancellationToken cancellationToken)
    {
        DlqKey? after = string.IsNullOrEmpty(cursor) ? null : DlqCursor.Decode(cursor, selection);
        DlqTakenPage page = await store.TakePageAsync(new DlqQuery(selection, after, pageSize), make, cancellationToken).ConfigureAwait(false);
        return new BulkTakeResult(page.Taken, page.Next is { } next ? DlqCursor.Encode(next, selection) : null);
    }
}
