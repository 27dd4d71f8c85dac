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
    /// The attempts that failed after a request that changes something may have reached the service (a timeout, a
    /// dropped connection, a 5xx): each may have been applied.
    /// </summary>
    /// <remarks>Always 0 for a request that changes nothing.</remarks>
    public int AttemptsInDoubt { get; private set; }

    /// <summary>Counts the attempt that just ended as in doubt when <paramref name="mayHaveBeenApplied"/> and the request changes something.</summary>
    public void Ended(bool mayHaveBeenApplied)
    {
        if (mayHaveBeenApplied && Request.ChangesState)
        {
            AttemptsInDoubt++;
        }
    }
}
