namespace BulkResume.Engine.Storage;

/// <summary>An entry a take removed from the DLQ, and the run stored in its place.</summary>
public sealed class TakenEntry
{
    internal TakenEntry(DlqEntry entry, RunRecord? run)
    {
        Entry = entry;
        Run = run;
    }

    /// <summary>The entry as it was in the DLQ.</summary>
    public DlqEntry Entry { get; }

    /// <summary>The run stored in its place, or <see langword="null"/> when it was only removed.</summary>
    public RunRecord? Run { get; }
}
