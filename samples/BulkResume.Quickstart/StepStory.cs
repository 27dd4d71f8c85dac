using BulkResume.Engine;

namespace BulkResume.Quickstart;

/// <summary>Prints, for one resumed checkout, each step in the failed run and in the resumed run, and how often it really executed.</summary>
internal static class StepStory
{
    public static async Task PrintAsync(WorkflowClient client, ResumedRun resumed, IReadOnlyList<DlqMessage> failed, CheckoutWorkflow checkout)
    {
        // A run id plus its creation time names exactly one run, even where ids are reused.
        WorkflowRun run = await client.Runs.GetAsync(resumed.WorkflowRunId, resumed.WorkflowCreatedAt)
            ?? throw new InvalidOperationException($"Run {resumed.WorkflowRunId} is not in the run logs.");
        string? order = run.Steps.FirstOrDefault(step => step.StepType == WorkflowStepType.Initial)?.Output;
        DlqMessage source = failed.Single(message => message.Body == order);
        WorkflowRun original = await client.Runs.GetAsync(source.WorkflowRunId, source.WorkflowCreatedAt)
            ?? throw new InvalidOperationException($"Run {source.WorkflowRunId} is not in the run logs.");

        Console.WriteLine($"\nOrder {order}: failed run {original.WorkflowRunId} -> resumed run {run.WorkflowRunId} ({run.State})");
        Console.WriteLine($"  {"step",-14} {"in the failed run",-18} {"in the resumed run",-36} {"executed",-9} output");
        foreach (WorkflowStep step in run.Steps.Where(step => step.StepType != WorkflowStepType.Initial))
        {
            WorkflowStep? before = original.Steps.FirstOrDefault(s => s.StepName == step.StepName);
            string how = before?.State == WorkflowStepState.Succeeded ? "replayed from record" : before is null ? "ran" : "ran again";
            Console.WriteLine(
                $"  {step.StepName,-14} {before?.State.ToString() ?? "-",-18} {$"{step.State} ({how})",-36} {checkout.Executions(order, step.StepName) + "x",-9} {step.Output}");
        }

    }
}
