namespace BulkResume.Engine.Http.Wire;

/// <summary>The bulk-delete answer: <c>{"deleted":12,"cursor":"..."}</c>, without <c>cursor</c> when done.</summary>
internal sealed class BulkDeleteResponseBody
{
    public required int Deleted { get; init; }

    public string? Cursor { get; init; }
}
