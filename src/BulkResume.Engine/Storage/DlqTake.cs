using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>What a take by ids (<see cref="DlqStoreWrites.TakeAsync"/>) takes out of the DLQ and what it makes of each entry.</summary>
internal sealed class DlqTake
{
    /// <summary>Creates a take.</summary>
    /// <param name="dlqIds">The entries to take; duplicates are taken once.</param>
    /// <param name="allOrNothing">Whether one missing id cancels the whole take.</param>
    /// <param name="makeRun">
    /// Makes the run that replaces a taken entry, or returns <see langword="null"/> to only remove it. It must be
    /// pure: a store may call it before it knows whether it commits, and more than once.
    /// </param>
    public DlqTake(IReadOnlyList<string> dlqIds, bool allOrNothing, Func<DlqEntry, RunRecord?> makeRun)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        ArgumentNullException.ThrowIfNull(makeRun);
        if (dlqIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("DLQ ids must not be null or empty; remove the empty ids.", nameof(dlqIds));
        }

        DlqIds = dlqIds.Distinct(StringComparer.Ordinal).ToArray();
        AllOrNothing = allOrNothing;
        MakeRun = makeRun;
    }

    /// <summary>The entries to take, without duplicates, in the order given.</summary>
    public IReadOnlyList<string> DlqIds { get; }

    /// <summary>Whether one missing id cancels the whole take.</summary>
    public bool AllOrNothing { get; }

    /// <summary>Makes the run that replaces a taken entry, or <see langword="null"/> to only remove it.</summary>
    public Func<DlqEntry, RunRecord?> MakeRun { get; }

    /// <summary>A take that only removes the entries.</summary>
    /// <param name="dlqIds">The entries to remove.</param>
    /// <param name="allOrNothing">Whether one missing id cancels the whole take.</param>
    /// <returns>The take.</returns>
    public static DlqTake Delete(IReadOnlyList<string> dlqIds, bool allOrNothing) => new(dlqIds, allOrNothing, static _ => null);
}
