using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>
/// What a bulk action that did not finish, and left no cursor, left of its selection, so that the report and the
/// printed command are exact.
/// </summary>
/// <param name="Empty">Nothing of the selection is left.</param>
/// <param name="DlqIds">By ids: the ids left, in the order given.</param>
/// <remarks>
/// By ids it comes from what the SDK recorded of each request (<see cref="DlqIdsProgress"/>): the ids never sent, and
/// those of requests with no known outcome, of which only a few are read back, within a bound of their own, so that a
/// stop ends in a second or two however long the list. By criteria one short listing says whether any entry is left.
/// After a second Ctrl+C nothing is read.
/// </remarks>
internal sealed record Remainder(bool Empty, IReadOnlyList<string>? DlqIds)
{
    /// <summary>The most ids in doubt read back: two requests' worth, so that many in doubt still end in seconds (the rest stay in doubt).</summary>
    private const int ReadBackMost = 2 * ResumeOptions.MaxPageSize;

    /// <summary>Ids per page of the read-back: the SDK reads four ids at a time, so a page is one round trip.</summary>
    private const int ReadBackPage = 4;

    /// <summary>How long reading what is left may take after the run ended; what is not read by then stays in doubt.</summary>
    private static readonly TimeSpan ReadBackTime = TimeSpan.FromSeconds(2);

    /// <summary>By ids: how many of <see cref="DlqIds"/> were in requests with no known outcome and were not read back: each was acted on once, or is still in the DLQ.</summary>
    public int InDoubt { get; init; }

    /// <summary>By ids: how many ids in doubt the read-back found gone from the DLQ: acted on once, their runs not listed.</summary>
    public int InDoubtGone { get; init; }

    /// <summary>The remainder, or null when it is not known (the DLQ could not be read, or a second Ctrl+C came).</summary>
    /// <param name="context">The command's context: the DLQ, the clock and the second Ctrl+C.</param>
    /// <param name="selection">What the run was to act on.</param>
    /// <param name="progress">By ids, what the SDK recorded of the run.</param>
    /// <param name="abandoned">A second Ctrl+C ended the run: nothing is read, the command exits at once.</param>
    public static async Task<Remainder?> ReadAsync(CommandContext context, Selection selection, DlqIdsProgress? progress, bool abandoned)
    {
        // Not the stop token, which ended the run: a bound of its own, which a second Ctrl+C also ends.
        var environment = context.Environment;
        using var timeout = new CancellationTokenSource(ReadBackTime, environment.Time);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, environment.AbortRequested);
        if (progress is not null)
        {
            return await ByIdsAsync(context.Dlq, selection, progress, abandoned ? new CancellationToken(canceled: true) : bound.Token);
        }

        if (abandoned)
        {
            return null;
        }

        try
        {
            await foreach (var page in context.Dlq.ListAsync(selection.Filter, pageSize: 1, bound.Token).AsPages())
            {
                return new Remainder(page.Values.Count == 0, null);
            }

            return new Remainder(true, null);
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException || (e is OperationCanceledException && bound.IsCancellationRequested))
        {
            return null;
        }
    }

    private static async Task<Remainder> ByIdsAsync(DlqClient dlq, Selection selection, DlqIdsProgress progress, CancellationToken readBack)
    {
        var inDoubt = progress.InDoubt;
        var (read, present) = await ReadBackAsync(dlq, inDoubt, readBack);
        var left = progress.NotAttempted.ToHashSet(StringComparer.Ordinal);
        left.UnionWith(inDoubt.Where(id => !read.Contains(id) || present.Contains(id)));
        IReadOnlyList<string> ids = [.. selection.DlqIds!.Distinct(StringComparer.Ordinal).Where(left.Contains)];
        return new Remainder(ids.Count == 0, ids)
        {
            InDoubt = inDoubt.Count - read.Count,
            InDoubtGone = read.Count - present.Count,
        };
    }

    /// <summary>The ids in doubt read back before the bound, and those of them still in the DLQ.</summary>
    private static async Task<(HashSet<string> Read, HashSet<string> Present)> ReadBackAsync(DlqClient dlq, IReadOnlyList<string> inDoubt, CancellationToken cancellationToken)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (inDoubt.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return (read, present);
        }

        var batch = inDoubt.Take(ReadBackMost).ToList();
        try
        {
            // A page of ids lists those of its own ids still in the DLQ, in order: the rest of them are gone.
            await foreach (var page in dlq.ListAsync(ResumeFilter.ForDlqIds(batch), ReadBackPage, cancellationToken).AsPages())
            {
                present.UnionWith(page.Values.Select(entry => entry.DlqId));
                read.UnionWith(batch.Skip(read.Count).Take(ReadBackPage));
            }
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // What was not read stays in doubt: the command that continues skips those already gone.
        }

        return (read, present);
    }
}
