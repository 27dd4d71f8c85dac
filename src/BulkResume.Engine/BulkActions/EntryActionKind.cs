using System.Collections.Concurrent;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>A bulk action on DLQ entries: a resume or restart (a new run of each entry) or a delete (<paramref name="rule"/> <see langword="null"/>).</summary>
/// <remarks>
/// It covers the entries that match when it is created, up to the last of them (its boundary): an entry that fails later
/// is not part of it. Each slice takes up to <see cref="SliceSize"/> entries with <see cref="DlqStoreWrites"/>, which
/// re-checks each entry as it locks it and passes over one another transaction holds.
/// </remarks>
internal sealed class EntryActionKind(string name, SelectionOperations operation, NewRunRule? rule) : BulkActionKind(name, operation)
{
    /// <summary>How many entries one slice takes: the service's page of a sync bulk call.</summary>
    public const int SliceSize = DlqEngineOptions.ServiceMaxBulkPageSize;

    /// <summary>How many entries one read of the count holds.</summary>
    private const int CountPageSize = 1000;

    public override bool TakesOverrides => rule is not null;

    public override string KeyOf(IReadOnlyDictionary<string, IReadOnlyList<string>> filter) =>
        Name + ":" + Convert.ToHexString(SelectionFingerprint.Compute(BulkRequestParser.SelectionOf(filter, Operation)));

    public override async ValueTask<(long Total, BulkActionDefinition Definition)> DefineAsync(
        DlqEngine engine, IReadOnlyDictionary<string, IReadOnlyList<string>> filter, ResumeOverrides? overrides, CancellationToken cancellationToken)
    {
        DlqSelection selection = BulkRequestParser.SelectionOf(filter, Operation);
        SelectionRules.Validate(selection, engine.MaxBulkPageSize);
        if (rule is not null)
        {
            ResumeOverrideRules.Validate(overrides ?? ResumeOverrides.None);
        }

        long total = 0;
        DlqKey? last = null;
        while (true)
        {
            IReadOnlyList<DlqEntry> page = await engine.Store.QueryAsync(new DlqQuery(selection, last, CountPageSize), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            total += page.Count;
            last = DlqKey.Of(page[^1]);
            if (page.Count < CountPageSize)
            {
                break;
            }
        }

        return (total, new BulkActionDefinition
        {
            Kind = Name,
            Filter = filter,
            Overrides = rule is null ? null : overrides,
            BoundaryTicks = last?.CreatedAt.UtcTicks,
            BoundaryDlqId = last?.DlqId,
        });
    }

    public override async ValueTask RunSliceAsync(
        DlqEngine engine, BulkActionRecord action, BulkActionDefinition definition, ConcurrentDictionary<string, object> positions, CancellationToken cancellationToken)
    {
        // An action that covers no entry is bounded below every key: its first slice reads nothing and finishes it.
        DlqKey boundary = definition.Boundary ?? new DlqKey(DateTimeOffset.MinValue, string.Empty);
        DlqSelection selection = BulkRequestParser.SelectionOf(definition.Filter, Operation).Until(boundary.CreatedAt);
        DlqKey? after = positions.TryGetValue(action.ActionId, out object? position) ? (DlqKey)position : null;
        Func<DlqEntry, RunRecord?> makeRun = rule is null ? static _ => null : engine.MakeRun(definition.Overrides, rule);
        BulkActionSlice slice = await engine.Writes.TakeActionSliceAsync(
            action.ActionId, new DlqQuery(selection, after, SliceSize), boundary, makeRun, engine.Options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (slice.Next is { } next && !slice.Finished)
        {
            positions[action.ActionId] = next;
        }
        else
        {
            positions.TryRemove(action.ActionId, out _);
        }

        if (rule is not null)
        {
            engine.NotifyRunsCreated(slice.Taken);
        }
    }
}
