using BulkResume.Engine.Model;

namespace BulkResume.Engine.FailureCallbacks;

/// <summary>The failure-callback retry rule: only a failed callback may be retried, and retrying puts it in progress.</summary>
internal static class FailureCallbackRetry
{
    /// <summary>
    /// The entry with its failure callback in progress (the previous attempt's answer cleared); a 400 that names
    /// the current state when the callback has not failed. Pure, so a store may run it inside its atomic update.
    /// </summary>
    public static DlqEntry Start(DlqEntry entry)
    {
        if (entry.FailureCallbackInfo is not { State: FailureCallbackState.CallbackFail })
        {
            string current = entry.FailureCallbackInfo is { } info
                ? $"is {WireNames.Of(info.State)}"
                : "does not exist (the run has no failure callback)";
            throw DlqEngineException.BadRequest(
                "dlqId",
                $"The failure callback of DLQ message {entry.DlqId} {current}; only a failed callback ({WireNames.Of(FailureCallbackState.CallbackFail)}) can be retried.");
        }

        return entry with { FailureCallbackInfo = new FailureCallbackInfo { State = FailureCallbackState.CallbackInProgress } };
    }
}
