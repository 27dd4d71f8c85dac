namespace BulkResume.Engine.Http.Wire;

/// <summary>The listing answer: <c>{"cursor":"...","messages":[DlqMessage]}</c>, without <c>cursor</c> when done.</summary>
internal sealed class DlqMessagesResponseBody
{
    public string? Cursor { get; init; }

    public required IReadOnlyList<DlqMessageBody> Messages { get; init; }
}
