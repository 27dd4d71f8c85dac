namespace BulkResume.Engine;

/// <summary>Many failed runs at once, for seeding a DLQ.</summary>
public static class FailedRuns
{
    /// <summary><paramref name="count"/> entries, the <c>i</c>-th built by <paramref name="make"/>(i).</summary>
    /// <param name="count">How many entries.</param>
    /// <param name="make">Describes the <c>i</c>-th failed run (0-based).</param>
    /// <returns>The entries, in the order made.</returns>
    public static IReadOnlyList<DlqEntry> Many(int count, Func<int, FailedRun> make)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(make);
        var entries = new DlqEntry[count];
        for (int i = 0; i < count; i++)
        {
            entries[i] = make(i).Build();
        }

        return entries;
    }

    /// <summary>
    /// <paramref name="count"/> runs of one workflow that failed one after another: the first at
    /// <paramref name="firstFailedAt"/>, each next one <paramref name="interval"/> later (default one second).
    /// </summary>
    /// <param name="count">How many entries.</param>
    /// <param name="workflowUrl">The workflow endpoint.</param>
    /// <param name="firstFailedAt">When the first run failed.</param>
    /// <param name="interval">The time between failures.</param>
    /// <returns>The entries, in failure order.</returns>
    public static IReadOnlyList<DlqEntry> Many(int count, string workflowUrl, DateTimeOffset firstFailedAt, TimeSpan? interval = null)
    {
        TimeSpan step = interval ?? TimeSpan.FromSeconds(1);
        return Many(count, i => FailedRun.For(workflowUrl).FailedAt(firstFailedAt + (step * i)));
    }
}
