namespace BulkResume.Engine.Http.Wire;

/// <summary>The run-logs answer: <c>{"cursor":"...","runs":[...]}</c>, without <c>cursor</c> when done.</summary>
internal sealed class RunLogsResponseBody
{
    public string? Cursor { get; init; }

    public required IReadOnlyList<RunLogBody> Runs { get; init; }
}
