namespace BulkResume.Engine.Storage;

/// <summary>Orders the in-memory store's run slots by run id (ordinal).</summary>
/// <remarks>
/// A slot holds a <see cref="RunRecord"/>, or the <see cref="DlqEntry"/> whose failed run it stands for (derived on
/// read, so a million dead-lettered entries don't also keep a million failed-run objects); a plain <see cref="string"/>
/// id is the probe for lookups and range bounds.
/// </remarks>
internal sealed class RunIdComparer : IComparer<object>
{
    public static readonly RunIdComparer Instance = new();

    public static string IdOf(object slot) => slot switch
    {
        RunRecord run => run.WorkflowRunId,
        DlqEntry entry => entry.WorkflowRunId,
        string id => id,
        _ => throw new ArgumentException($"A run slot holds a RunRecord, a DlqEntry or an id; got {slot.GetType().Name}.", nameof(slot)),
    };

    /// <summary>The run a slot stands for.</summary>
    public static RunRecord RunOf(object slot) => slot as RunRecord ?? DeadLetteredRun.Of((DlqEntry)slot, existing: null);

    public int Compare(object? x, object? y) => string.CompareOrdinal(x is null ? null : IdOf(x), y is null ? null : IdOf(y));
}
