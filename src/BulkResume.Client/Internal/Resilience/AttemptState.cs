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
    /// An attempt failed after the request may have reached the service (a timeout, a dropped connection, a 5xx):
    /// it may have been applied.
    /// </summary>
    public bool OutcomeUnknown { get; set; }
}
