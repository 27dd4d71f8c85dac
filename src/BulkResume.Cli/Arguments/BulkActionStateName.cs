namespace BulkResume.Cli.Arguments;

/// <summary>The values of <c>actions list --state</c>, and how a bulk action's state is shown: <c>in-progress</c>, <c>finished</c> (or the wire names, in any case).</summary>
internal static class BulkActionStateName
{
    public const string Flag = "--state";

    /// <exception cref="UsageException">Not a state the service documents: it might ignore it and list more.</exception>
    public static BulkActionState Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "IN-PROGRESS" or "IN_PROGRESS" or "INPROGRESS" => BulkActionState.InProgress,
        "FINISHED" => BulkActionState.Finished,
        _ => throw new UsageException(Flag, $"{Flag} '{text}' is not a bulk action's state. Use in-progress or finished, or leave {Flag} out to list every action."),
    };

    /// <summary>The state as the flag names it; a state the service added, as it came.</summary>
    public static string Show(BulkActionState state) =>
        state == BulkActionState.InProgress ? "in-progress" : state == BulkActionState.Finished ? "finished" : state.ToString();
}
