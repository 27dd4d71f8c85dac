namespace BulkResume.Engine.Paging;

/// <summary>The <c>count</c> rule of every paged operation: at least 1, capped at the operation's maximum, a default when absent.</summary>
internal static class PageSize
{
    public static int Resolve(int? count, int defaultSize, int max)
    {
        if (count is < 1)
        {
            throw DlqEngineException.BadRequest(
                "count",
                $"count must be at least 1; got {count}. Omit count for {defaultSize} per request (at most {max}).");
        }

        return Math.Min(count ?? defaultSize, max);
    }
}
