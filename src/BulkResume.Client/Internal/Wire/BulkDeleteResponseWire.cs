namespace BulkResume.Internal.Wire;

/// <summary>The answer of a bulk delete: <c>{"deleted": 12, "cursor": "..."}</c>.</summary>
internal sealed class BulkDeleteResponseWire
{
    public long Deleted { get; set; }

    public string? Cursor { get; set; }
}
