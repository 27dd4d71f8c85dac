namespace BulkResume.Engine.Http.Wire;

/// <summary>Every error's body: <c>{"error":"..."}</c>.</summary>
internal sealed class ErrorBody
{
    public required string Error { get; init; }
}
