namespace BulkResume.Internal.Draining;

/// <summary>
/// One part of a concurrent drain: a piece of the selection no other part shares (a failure-time range, or a chunk of
/// the id list), paged by one worker at a time.
/// </summary>
/// <remarks>
/// What became of it is read once the drain has ended, for the report of a drain by ids that stopped: done, failed (and
/// how), or neither, never sent.
/// </remarks>
internal abstract class DrainPart
{
    private volatile bool _done;

    /// <summary>The part as the <c>bulkresume.part</c> span tag and the logs show it.</summary>
    public abstract string Label { get; }

    /// <summary>The part is the drain's last: it passes again after every other part is done (see <see cref="TimeRangePart.HoldsTop"/>).</summary>
    public virtual bool HoldsTop => false;

    /// <summary>How many entries the part's requests have acted on: its lowest, since the service pages in order.</summary>
    public long Taken { get; set; }

    /// <summary>The service confirmed every request of the part.</summary>
    public bool Done => _done;

    /// <summary>Why the part's last request failed; null when none did.</summary>
    public Exception? Failure { get; private set; }

    public void MarkDone() => _done = true;

    public void Fail(Exception failure) => Failure = failure;
}
