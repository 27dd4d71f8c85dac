using BulkResume.Engine;
using BulkResume.Engine.Paging;

namespace BulkResume.Benchmarks.Data;

/// <summary>Bulk-resumes a selection straight through the engine, 50 per page, following the cursor.</summary>
internal static class EngineDrain
{
    /// <summary>Resumes at most <paramref name="maxPages"/> pages of <paramref name="selection"/>; returns how many entries were resumed.</summary>
    public static async Task<int> ResumeAsync(DlqEngine engine, DlqSelection selection, int maxPages = int.MaxValue)
    {
        int resumed = 0;
        string? cursor = null;
        for (int page = 0; page < maxPages; page++)
        {
            BulkResumeResult result = await engine.BulkResumeAsync(selection, cursor, BenchData.PageSize);
            resumed += result.ResumedRuns.Count;
            cursor = result.Cursor;
            if (cursor is null)
            {
                break;
            }
        }

        return resumed;
    }
}
