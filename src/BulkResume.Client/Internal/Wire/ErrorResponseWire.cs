namespace BulkResume.Internal.Wire;

/// <summary>The service's error body: <c>{"error": "..."}</c>.</summary>
internal sealed class ErrorResponseWire
{
    public string? Error { get; set; }
}
