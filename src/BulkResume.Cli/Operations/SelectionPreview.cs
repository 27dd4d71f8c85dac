namespace BulkResume.Cli.Operations;

/// <summary>What a filter selects right now: how many entries, and the first few of them.</summary>
/// <remarks>Listing changes nothing.</remarks>
internal sealed record SelectionPreview(long Count, IReadOnlyList<DlqMessage> Entries)
{
    public bool Truncated => Count > Entries.Count;

    /// <summary>Lists every selected entry to count them, keeping the first <paramref name="limit"/>.</summary>
    public static Task<SelectionPreview> LoadAsync(DlqClient dlq, ResumeFilter filter, int limit, CancellationToken cancellationToken) =>
        ListAsync(dlq, filter, limit, counted: null, cancellationToken);

    /// <summary>Counts every selected entry, telling <paramref name="counted"/> the count so far after each one.</summary>
    public static async Task<long> CountAsync(DlqClient dlq, ResumeFilter filter, Action<long> counted, CancellationToken cancellationToken) =>
        (await ListAsync(dlq, filter, limit: 0, counted, cancellationToken)).Count;

    private static async Task<SelectionPreview> ListAsync(DlqClient dlq, ResumeFilter filter, int limit, Action<long>? counted, CancellationToken cancellationToken)
    {
        var count = 0L;
        var entries = new List<DlqMessage>();
        await foreach (var entry in dlq.ListAsync(filter, cancellationToken: cancellationToken))
        {
            count++;
            counted?.Invoke(count);
            if (entries.Count < limit)
            {
                entries.Add(entry);
            }
        }

        return new SelectionPreview(count, entries);
    }
}
