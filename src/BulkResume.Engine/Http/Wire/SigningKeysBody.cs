namespace BulkResume.Engine.Http.Wire;

/// <summary>The answer of <c>GET /v2/keys</c>: <c>{"current":"...","next":"..."}</c>.</summary>
internal sealed class SigningKeysBody
{
    public required string Current { get; init; }

    public required string Next { get; init; }
}
