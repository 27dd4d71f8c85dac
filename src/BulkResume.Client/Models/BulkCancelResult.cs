namespace BulkResume;

/// <summary>What a cancel of many runs did: how many runs the service canceled.</summary>
/// <remarks>
/// Returned by <see cref="RunsClient.CancelAsync(IEnumerable{string}, CancellationToken)"/> and
/// <see cref="RunsClient.BulkCancelAsync"/>. A run that was no longer in progress is skipped by the service and not
/// counted. Build one with <see cref="DlqModelFactory.BulkCancelResult"/> in a test.
/// </remarks>
public sealed class BulkCancelResult
{
    internal BulkCancelResult(long canceledCount, bool mayHaveCanceledMore)
    {
        CanceledCount = canceledCount;
        MayHaveCanceledMore = mayHaveCanceledMore;
    }

    /// <summary>How many runs the service said it canceled, over every request of the call.</summary>
    public long CanceledCount { get; }

    /// <summary>
    /// <see langword="true"/> when an attempt's answer was lost and a retry of it succeeded: the lost attempt may have
    /// canceled runs that the retry then skipped as no longer in progress, so more runs may have been canceled than
    /// <see cref="CanceledCount"/> says.
    /// </summary>
    /// <remarks>The runs are canceled either way: canceling is idempotent in effect, and only the count is in doubt.</remarks>
    public bool MayHaveCanceledMore { get; }

    /// <summary>The count, and whether it may be short.</summary>
    /// <returns>For example <c>12 canceled</c> or <c>12 canceled (maybe more: an answer was lost)</c>.</returns>
    public override string ToString() =>
        MayHaveCanceledMore ? $"{CanceledCount} canceled (maybe more: an answer was lost)" : $"{CanceledCount} canceled";
}
