namespace BulkResume.Internal.Wire;

/// <summary>A bulk action (<c>GET /v2/workflows/bulkActions/{actionId}</c>), as the contract's <c>BulkAction</c> shape.</summary>
internal sealed class BulkActionWire
{
    public string? ActionId { get; set; }

    public BulkActionKind? Kind { get; set; }

    public BulkActionState? State { get; set; }

    public long Total { get; set; }

    public long Processed { get; set; }

    public long CreatedAt { get; set; }

    public long? CompletedAt { get; set; }

    public Dictionary<string, List<string>?>? Filter { get; set; }

    public BulkAction ToModel() => new()
    {
        ActionId = ActionId ?? string.Empty,
        Kind = Kind ?? default,
        State = State ?? default,
        Total = Total,
        Processed = Processed,
        CreatedAt = WireValues.Time(CreatedAt),
        CompletedAt = WireValues.OptionalTime(CompletedAt),
        Filter = Filter is null || Filter.Count == 0
            ? BulkAction.NoFilter
            : Filter.ToDictionary(parameter => parameter.Key, parameter => (IReadOnlyList<string>)(parameter.Value ?? []), StringComparer.Ordinal),
    };
}

/// <summary>A page of bulk actions: <c>{"cursor": "...", "bulkActions": [...]}</c>.</summary>
internal sealed class BulkActionListResponseWire
{
    public string? Cursor { get; set; }

    public List<BulkActionWire>? BulkActions { get; set; }
}
