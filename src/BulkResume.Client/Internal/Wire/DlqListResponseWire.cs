namespace BulkResume.Internal.Wire;

/// <summary>The answer of a DLQ listing: <c>{"cursor": "...", "messages": [...]}</c>.</summary>
internal sealed class DlqListResponseWire
{
    public string? Cursor { get; set; }

    public List<DlqMessageWire>? Messages { get; set; }
}
