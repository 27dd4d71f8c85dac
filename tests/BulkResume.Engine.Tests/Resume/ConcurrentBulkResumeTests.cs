using System.Collections.Concurrent;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Resume;

public sealed class ConcurrentBulkResumeTests
{
    [Fact]
    public async Task Eight_concurrent_resumers_resume_each_of_10000_entries_exactly_once()
    {
        var fixture = new EngineFixture();
        IReadOnlyList<DlqEntry> entries = Seed.Entries(10_000);
        await fixture.Engine.DeadLetterAsync(entries);
        var resumed = new ConcurrentBag<ResumedRunResult>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            string? cursor = null;
            do
            {
                BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All, cursor);
                foreach (ResumedRunResult run in result.ResumedRuns)
                {
                    resumed.Add(run);
                }

                cursor = result.Cursor;
            }
            while (cursor is not null);
        })));

        Assert.Equal(10_000, resumed.Count);
        Assert.Equal(entries.Ids().Order(StringComparer.Ordinal), resumed.Select(run => run.SourceDlqId).Order(StringComparer.Ordinal));
        Assert.Equal(10_000, resumed.Select(run => run.WorkflowRunId).Distinct().Count());
        DlqStoreStatistics statistics = await fixture.Store.GetStatisticsAsync();
        Assert.Equal(0, statistics.DlqEntryCount);
        Assert.Equal(10_000, statistics.RunsByOrigin[WorkflowRunOrigin.Resumed]);
    }
}
