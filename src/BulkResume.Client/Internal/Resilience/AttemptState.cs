using BulkResume.Internal.Http;

namespace BulkResume.Internal.Resilience;

/// <summary>What the attempts of one request have seen so far; passed through the resilience pipeline as its state.</summary>
internal sealed class AttemptState
{
    public AttemptState(WorkflowPipeline pipeline, WorkflowRequest request)
    {
        Pipeline = pipeline;
        Request = request;
    }

    public WorkflowPipeline Pipeline { get; }

    public WorkflowRequest Request { get; }

    /// <summary>The number of attempts started.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// The attempts that failed after the request may have reached the service (a timeout, a dropped connection, a
    /// 5xx): each may have been applied.
    /// </summary>
    public int AttemptsMaybeApplied { get; private set; }

    /// <summary>At least one attempt may have been applied.</summary>
    public bool OutcomeUnknown => AttemptsMaybeApplied > 0;

    /// <summary>Counts the attempt that just ended when <paramref name="mayHaveBeenApplied"/>.</summary>
    public void Ended(bool mayHaveBeenApplied)
    {
        if (mayHaveBeenApplied)
        {
            AttemptsMaybeApplied++;
        }
    }
}
