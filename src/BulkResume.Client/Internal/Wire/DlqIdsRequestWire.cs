namespace BulkResume.Internal.Wire;

/// <summary>The body of a request by ids on a <c>/multi</c> endpoint: <c>{"dlqIds": ["...", ...]}</c>, in order.</summary>
internal sealed class DlqIdsRequestWire
{
    public DlqIdsRequestWire(IReadOnlyList<string> dlqIds)
    {
        DlqIds = dlqIds;
    }

    public IReadOnlyList<string> DlqIds { get; }
}
