namespace BulkResume.Engine.Storage;

/// <summary>A bulk action as a store keeps it: its id, what identical requests share, the engine's definition of it and its progress.</summary>
/// <remarks>
/// The store reads only <see cref="ActionId"/>, <see cref="Key"/>, <see cref="CreatedAt"/> and whether
/// <see cref="CompletedAt"/> is set; <see cref="Definition"/> is the engine's (kind, selection, overrides, boundary) and is
/// stored and returned as it is.
/// </remarks>
public sealed class BulkActionRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="key">What identical requests share: its kind and selection.</param>
    /// <param name="definition">The engine's JSON of the action.</param>
    /// <param name="total">How many items matched when it was created.</param>
    /// <param name="processed">How many it has acted on.</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="completedAt">When it finished, or <see langword="null"/> while it runs.</param>
    public BulkActionRecord(string actionId, string key, string definition, long total, long processed, DateTimeOffset createdAt, DateTimeOffset? completedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(definition);
        ActionId = actionId;
        Key = key;
        Definition = definition;
        Total = total;
        Processed = processed;
        CreatedAt = createdAt;
        CompletedAt = completedAt;
    }

    /// <summary>The action's id.</summary>
    public string ActionId { get; }

    /// <summary>What identical requests share (its kind and selection): a store holds at most one unfinished action of a key.</summary>
    public string Key { get; }

    /// <summary>The engine's JSON of the action, stored and returned as it is.</summary>
    public string Definition { get; }

    /// <summary>How many items matched when the action was created.</summary>
    public long Total { get; }

    /// <summary>How many items the action has acted on; it only grows.</summary>
    public long Processed { get; }

    /// <summary>When the action was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the action finished, or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; }
}
