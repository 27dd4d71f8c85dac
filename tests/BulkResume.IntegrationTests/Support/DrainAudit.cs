using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Support;

/// <summary>What every drain must leave behind, checked against the engine's own records.</summary>
internal static class DrainAudit
{
    /// <summary>
    /// Every selected entry was turned into exactly one run of <paramref name="origin"/>, none outside the selection was
    /// touched, every run yielded is distinct and real, and the runs the engine made but the client did not yield are no
    /// more than <paramref name="unseenAllowance"/> (the lost attempts' page sizes). Returns the unseen runs' count.
    /// </summary>
    public static async Task<int> AssertExactlyOnceAsync(
        EngineHarness harness,
        IReadOnlyCollection<string> selected,
        IReadOnlyCollection<string> others,
        IReadOnlyList<ResumedRun> yielded,
        int unseenAllowance,
        WorkflowRunOrigin origin = WorkflowRunOrigin.Resumed)
    {
        var made = (await harness.AllRunsAsync()).Where(run => run.Origin == origin).ToList();
        Assert.Equal(selected.Order(StringComparer.Ordinal), made.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal));

        var remaining = await harness.RemainingDlqIdsAsync();
        Assert.Empty(remaining.Intersect(selected));
        Assert.Equal(others.Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));

        var yieldedIds = yielded.Select(run => run.WorkflowRunId).ToList();
        Assert.Equal(yieldedIds.Count, yieldedIds.Distinct(StringComparer.Ordinal).Count());
        var madeIds = made.Select(run => run.WorkflowRunId).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(madeIds, yieldedIds.ToHashSet(StringComparer.Ordinal));
        var unseen = made.Count - yieldedIds.Count;
        Assert.InRange(unseen, 0, unseenAllowance);
        return unseen;
    }
}
