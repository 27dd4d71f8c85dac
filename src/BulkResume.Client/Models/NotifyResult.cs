namespace BulkResume;

/// <summary>What a notify of every waiter of an event did (<see cref="RunsClient.NotifyAsync"/>).</summary>
/// <remarks>Build one with <see cref="DlqModelFactory.NotifyResult"/> in a test.</remarks>
public sealed class NotifyResult
{
    internal NotifyResult(IReadOnlyList<NotifiedWaiter> waiters, bool mayHaveNotifiedMore)
    {
        Waiters = waiters;
        MayHaveNotifiedMore = mayHaveNotifiedMore;
    }

    /// <summary>Gets the waiters the service notified, one entry each, in its order; empty when nothing was waiting (the event is then lost).</summary>
    public IReadOnlyList<NotifiedWaiter> Waiters { get; }

    /// <summary>
    /// Gets whether an attempt's answer was lost and a retry answered: the lost attempt may have notified waiters that
    /// the retry then no longer found, so more may have been notified than <see cref="Waiters"/> lists.
    /// </summary>
    /// <remarks>A waiter takes an event once, so the retry notified none of them twice.</remarks>
    public bool MayHaveNotifiedMore { get; }

    /// <summary>The count, and whether it may be short.</summary>
    /// <returns>For example <c>2 notified</c>.</returns>
    public override string ToString() =>
        MayHaveNotifiedMore ? $"{Waiters.Count} notified (maybe more: an answer was lost)" : $"{Waiters.Count} notified";
}
