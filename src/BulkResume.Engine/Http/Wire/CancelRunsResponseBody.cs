namespace BulkResume.Engine.Http.Wire;

/// <summary>The bulk-cancel answer: <c>{"cancelled":12}</c> (the service's spelling).</summary>
internal sealed class CancelRunsResponseBody
{
    public required int Cancelled { get; init; }
}
