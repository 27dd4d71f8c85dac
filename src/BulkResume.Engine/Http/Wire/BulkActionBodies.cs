using BulkResume.Engine.BulkActions;

namespace BulkResume.Engine.Http.Wire;

/// <summary>The answer of a create call: <c>{"actionId":"..."}</c>.</summary>
internal sealed class BulkActionCreatedBody
{
    public required string ActionId { get; init; }
}

/// <summary>A <c>BulkAction</c>: <c>completedAt</c> only once finished, times in Unix milliseconds, the filter as given.</summary>
internal sealed class BulkActionBody
{
    public required string ActionId { get; init; }

    public required string Kind { get; init; }

    public required string State { get; init; }

    public required long Total { get; init; }

    public required long Processed { get; init; }

    public required long CreatedAt { get; init; }

    public long? CompletedAt { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Filter { get; init; }

    public static BulkActionBody From(BulkActionView action) => new()
    {
        ActionId = action.Record.ActionId,
        Kind = action.Kind,
        State = action.Finished ? WireNames.BulkActionFinished : WireNames.BulkActionInProgress,
        Total = action.Record.Total,
        Processed = action.Record.Processed,
        CreatedAt = action.Record.CreatedAt.ToUnixTimeMilliseconds(),
        CompletedAt = action.Record.CompletedAt?.ToUnixTimeMilliseconds(),
        Filter = action.Filter,
    };
}

/// <summary>The list's answer: <c>{"cursor":"...","bulkActions":[BulkAction]}</c>, without <c>cursor</c> when done.</summary>
internal sealed class BulkActionsResponseBody
{
    public string? Cursor { get; init; }

    public required IReadOnlyList<BulkActionBody> BulkActions { get; init; }
}
