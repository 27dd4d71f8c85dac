namespace BulkResume;

/// <summary>How the steps of a <see cref="WorkflowStepGroup"/> ran (the group's <c>type</c> on the wire).</summary>
public enum WorkflowStepGroupKind
{
    /// <summary>
    /// One step that ran alone (<c>sequential</c>). A group type this SDK does not know also reads as sequential, so
    /// that a newer service's answer still reads; its steps are all there.
    /// </summary>
    Sequential,

    /// <summary>Steps that ran together (<c>parallel</c>; each step's <see cref="WorkflowStep.Concurrent"/> is more than 1).</summary>
    Parallel,

    /// <summary>The steps executing or scheduled now, in a run that is still going (<c>next</c>).</summary>
    Next,
}
