using BulkResume.Engine.Http;

namespace BulkResume.Engine.FailureCallbacks;

/// <summary>
/// What may happen to a failure callback while its entry is in the DLQ: a failed callback may be retried (it is then in
/// progress), and one in progress may be canceled.
/// </summary>
/// <remarks>Pure functions, so a store runs them inside its atomic update.</remarks>
internal static class FailureCallbackTransitions
{
    /// <summary>The entry with its failed callback in progress again (the failed attempt's answer cleared).</summary>
    public static DlqEntry Retry(DlqEntry entry) =>
        Move(entry, CallbackState.Fail, CallbackState.InProgress, "only a failed callback ({0}) can be retried");

    /// <summary>The entry with its callback in progress canceled.</summary>
    public static DlqEntry Cancel(DlqEntry entry) =>
        Move(entry, CallbackState.InProgress, CallbackState.Canceled, "only a callback in progress ({0}) can be canceled");

    /// <summary>A 400 naming the current state when the callback is not in <paramref name="from"/>.</summary>
    private static DlqEntry Move(DlqEntry entry, CallbackState from, CallbackState to, string rule)
    {
        if (entry.FailureCallbackInfo?.State != from)
        {
            string current = entry.FailureCallbackInfo is { } info
                ? $"is {WireNames.Of(info.State)}"
                : "does not exist (the run has no failure callback)";
            throw DlqEngineException.BadRequest(
                "dlqId",
                $"The failure callback of DLQ message {entry.DlqId} {current}; {string.Format(System.Globalization.CultureInfo.InvariantCulture, rule, WireNames.Of(from))}.");
        }

        return entry with { FailureCallbackInfo = new FailureCallbackRecord { State = to } };
    }
}
