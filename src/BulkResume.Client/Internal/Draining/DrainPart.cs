namespace BulkResume.Internal.Draining;

/// <summary>
/// One part of a concurrent drain: a piece of the selection no other part shares (a failure-time range, or a chunk of
/// the id list), paged by one worker at a time.
/// </summary>
internal abstract class DrainPart
{
    private int _outcome;

    /// <summary>The part as the <c>bulkresume.part</c> span tag and the logs show it.</summary>
    public abstract string Label { get; }

    public PartOutcome Outcome
    {
        get => (PartOutcome)Volatile.Read(ref _outcome);
        set => Volatile.Write(ref _outcome, (int)value);
    }

    /// <summary>Why the part's last request failed, when <see cref="Outcome"/> is <see cref="PartOutcome.Failed"/>.</summary>
    public Exception? Failure { get; private set; }

    public void Fail(Exception failure)
    {
        Failure = failure;
        Outcome = PartOutcome.Failed;
    }
}
