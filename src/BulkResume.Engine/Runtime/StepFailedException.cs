namespace BulkResume.Engine.Runtime;

/// <summary>A step threw on every attempt it was given; the run fails with this step as its failed one.</summary>
internal sealed class StepFailedException(StepRecord failedStep, int attempts, Exception lastError)
    : Exception($"Step {failedStep.StepName} failed after {attempts} attempt(s): {FailureText.Describe(lastError)}")
{
    /// <summary>The step as the failed run records it (<see cref="StepState.Failed"/>).</summary>
    public StepRecord FailedStep { get; } = failedStep;
}
