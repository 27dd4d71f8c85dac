namespace BulkResume.Engine.Storage;

/// <summary>
/// The longest value of each field the stores index, the same on every store so that an entry one store keeps is never
/// refused by another.
/// </summary>
/// <remarks>
/// PostgreSQL's index rows hold at most 2,704 bytes: an id, label, flow-control key or caller IP at its limit (three
/// UTF-8 bytes a UTF-16 character at most) leaves room for the columns indexed beside it, and a workflow URL, which
/// real workflows make long, is indexed by its hash there.
/// </remarks>
public static class ValueLimits
{
    /// <summary>A DLQ id or a workflow run id.</summary>
    public const int MaxIdLength = 256;

    /// <summary>A label, a flow-control key or a caller IP.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>A workflow URL: past the 2,048 characters browsers and proxies commonly take.</summary>
    public const int MaxWorkflowUrlLength = 4096;
}
