using System.Collections.Concurrent;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>A bulk cancel of runs (<c>DELETE /v2/workflows/runs?async=true</c>): each run in progress it selects becomes canceled.</summary>
/// <remarks>
/// <para>It covers the runs in progress that match when it is created, up to the latest creation time among them (its
/// boundary): a run started later is not part of it. Its filter keeps <c>workflowUrlExactMatch</c> beside the criteria,
/// so it is read again as the request was, a prefix or exactly.</para>
/// Each slice reads up to <see cref="SliceSize"/> runs in progress and cancels them with
/// <see cref="DlqStoreWrites.CancelActionSliceAsync"/>, which re-checks each run as it locks it, so a run is canceled and
/// counted once however many workers share the action. The read is outside the transaction: a run never returns to in
/// progress, so a run it missed is one no slice needs, and a read from the start that finds none left finishes the action.
/// </remarks>
internal sealed class RunCancelKind() : BulkActionKind("cancel", SelectionOperations.AnyCancelRuns)
{
    /// <summary>How many runs one slice cancels: the sync cancel's page.</summary>
    public const int SliceSize = 100;

    /// <summary>How many runs one read of the count holds.</summary>
    private const int CountPageSize = 1000;

    public override bool TakesOverrides => false;

    public override string KeyOf(IReadOnlyDictionary<string, IReadOnlyList<string>> filter) =>
        Name + ":" + Convert.ToHexString(SelectionFingerprint.Compute(SelectionOf(filter)));

    public override async ValueTask<(long Total, BulkActionDefinition Definition)> DefineAsync(
        DlqEngine engine, IReadOnlyDictionary<string, IReadOnlyList<string>> filter, ResumeOverrides? overrides, CancellationToken cancellationToken)
    {
        RunSelection selection = SelectionOf(filter);
        SelectionRules.ValidateCancel(selection);
        RunSelection inProgress = selection.InState(RunState.Started);
        long total = 0;
        long? latest = null;
        string? after = null;
        while (true)
        {
            IReadOnlyList<RunRecord> page = await engine.Store.QueryRunsAsync(new RunQuery(inProgress, after, CountPageSize), cancellationToken).ConfigureAwait(false);

            // Runs named by id come whatever their state.
            foreach (RunRecord run in page.Where(run => run.State == RunState.Started))
            {
                total++;
                latest = Math.Max(latest ?? long.MinValue, run.CreatedAt.UtcTicks);
            }

            if (page.Count < CountPageSize)
            {
                break;
            }

            after = page[^1].WorkflowRunId;
        }

        return (total, new BulkActionDefinition { Kind = Name, Filter = filter, BoundaryTicks = latest });
    }

    public override async ValueTask RunSliceAsync(
        DlqEngine engine, BulkActionRecord action, BulkActionDefinition definition, ConcurrentDictionary<string, object> positions, CancellationToken cancellationToken)
    {
        DateTimeOffset now = engine.Options.TimeProvider.GetUtcNow();
        if (definition.BoundaryTicks is not { } boundaryTicks)
        {
            // It covers no run: its first slice finishes it.
            await engine.Writes.CancelActionSliceAsync(action.ActionId, [], static _ => false, now, finishes: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var boundary = new DateTimeOffset(boundaryTicks, TimeSpan.Zero);
        RunSelection covered = SelectionOf(definition.Filter).InState(RunState.Started).Until(boundary);
        string? after = positions.TryGetValue(action.ActionId, out object? position) ? (string)position : null;
        IReadOnlyList<RunRecord> page = await engine.Store.QueryRunsAsync(new RunQuery(covered, after, SliceSize), cancellationToken).ConfigureAwait(false);

        // Checked here too, as runs named by id select alone and the state and boundary don't narrow them.
        bool Covers(RunRecord run) => run.CreatedAt <= boundary && covered.Matches(run);
        string[] inProgress = page.Where(run => run.State == RunState.Started && Covers(run)).Select(run => run.WorkflowRunId).ToArray();
        bool end = page.Count < SliceSize;
        IReadOnlyList<RunRecord> canceled = await engine.Writes.CancelActionSliceAsync(
            action.ActionId, inProgress, Covers, now, finishes: after is null && end && inProgress.Length == 0, cancellationToken).ConfigureAwait(false);
        if (end)
        {
            positions.TryRemove(action.ActionId, out _);
        }
        else
        {
            positions[action.ActionId] = page[^1].WorkflowRunId;
        }

        engine.NotifyRunsCanceled(canceled);
    }

    /// <summary>The runs a kept filter selects, read as its request was.</summary>
    private static RunSelection SelectionOf(IReadOnlyDictionary<string, IReadOnlyList<string>> filter)
    {
        var query = new QueryParameters(filter);
        return BulkRequestParser.Runs(query, BulkRequestParser.CancelOperation(query));
    }
}
