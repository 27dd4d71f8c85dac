namespace BulkResume.Internal.Wire;

/// <summary>The answer of a cancel of runs by ids or by criteria: <c>{"cancelled": 12}</c>.</summary>
internal sealed class BulkCancelResponseWire
{
    public long Cancelled { get; set; }
}
