namespace BulkResume;

/// <summary>A bulk action: a selection of DLQ entries (or runs) the service works through by itself, and how far it got.</summary>
/// <remarks>
/// Read it with <see cref="BulkActionsClient.GetAsync"/>, list them with <see cref="BulkActionsClient.ListAsync"/>, or
/// watch one with a <see cref="BulkActionOperation"/>. The service keeps an action 7 days after it was created. What
/// the service did not send is empty (a <c>default</c> kind or state, whose <c>ToString()</c> is empty).
/// </remarks>
public sealed class BulkAction
{
    internal BulkAction()
    {
    }

    /// <summary>The action's id (<c>actionId</c>), opaque.</summary>
    public string ActionId { get; internal init; } = string.Empty;

    /// <summary>What the action does (<c>kind</c>), a kind this SDK does not know included.</summary>
    public BulkActionKind Kind { get; internal init; }

    /// <summary>Whether the action is running or finished (<c>state</c>), a state this SDK does not know included.</summary>
    public BulkActionState State { get; internal init; }

    /// <summary>How many entries (runs, for a cancel) matched the selection when the action was created (<c>total</c>).</summary>
    public long Total { get; internal init; }

    /// <summary>How many the service has acted on so far (<c>processed</c>); it never decreases.</summary>
    /// <remarks>
    /// Equal to <see cref="Total"/> once finished, unless entries left the selection while the action ran (resumed or
    /// deleted by another call): it then finishes below <see cref="Total"/>.
    /// </remarks>
    public long Processed { get; internal init; }

    /// <summary>When the action was created (<c>createdAt</c>).</summary>
    public DateTimeOffset CreatedAt { get; internal init; }

    /// <summary>When the action finished (<c>completedAt</c>), or null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; internal init; }

    /// <summary>
    /// The selection as the service received it (<c>filter</c>): each query parameter's name and values, such as
    /// <c>workflowUrl</c> → <c>https://...</c> and <c>fromDate</c> → <c>1700000000000</c>; empty for every entry.
    /// </summary>
    /// <remarks>Parameter names compare ordinally, as on the wire.</remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filter { get; internal init; } = NoFilter;

    /// <summary>Whether the action has finished: its state is <see cref="BulkActionState.Finished"/>, or it has a <see cref="CompletedAt"/>.</summary>
    /// <remarks>
    /// A state this SDK does not know counts as finished once the service gives the action a completion time, which it
    /// gives only to finished actions; otherwise as running.
    /// </remarks>
    internal bool IsFinished => State == BulkActionState.Finished || CompletedAt is not null;

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> NoFilter { get; } = new Dictionary<string, IReadOnlyList<string>>(0, StringComparer.Ordinal);

    /// <summary>The id, kind, state and progress.</summary>
    /// <returns>For example <c>act_1 resume IN_PROGRESS 1200/20000</c>.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ActionId} {Kind} {State} {Processed}/{Total}");
}
