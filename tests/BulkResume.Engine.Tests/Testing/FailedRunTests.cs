using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Testing;

public sealed class FailedRunTests
{
    [Fact]
    public void Failed_at_step_3_of_5_has_two_successful_steps_then_the_failed_one()
    {
        DateTimeOffset created = Seed.T0;
        DlqEntry entry = FailedRun.For(Seed.Orders).CreatedAt(created).FailedAt(created.AddMinutes(3)).FailedAtStep(3, of: 5)
            .WithResponseStatus(502, "bad gateway").WithLabels("billing").WithFlowControlKey("tenant-a").WithCallerIp("10.0.0.1").Build();

        Assert.Equal([StepType.Initial, StepType.Run, StepType.Run, StepType.Run], entry.Steps.Select(step => step.StepType));
        Assert.Equal([StepState.Success, StepState.Success, StepState.Success, StepState.Failed], entry.Steps.Select(step => step.State));
        Assert.All(entry.Steps.Take(3), step => Assert.NotNull(step.Out));
        Assert.Equal(created.AddMinutes(3), entry.CreatedAt);
        Assert.Equal(created, entry.WorkflowCreatedAt);
        Assert.Equal((502, "bad gateway", "tenant-a", "10.0.0.1"), (entry.ResponseStatus, entry.ResponseBody, entry.FlowControlKey, entry.CallerIp));
        Assert.Equal(["billing"], entry.Labels);
        Assert.StartsWith("wfr_", entry.WorkflowRunId, StringComparison.Ordinal);
        Assert.StartsWith(created.AddMinutes(3).ToUnixTimeMilliseconds() + "-", entry.DlqId, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_ids_are_unique_and_a_run_created_after_it_failed_is_refused()
    {
        IReadOnlyList<DlqEntry> entries = FailedRuns.Many(100, Seed.Orders, Seed.T0, TimeSpan.Zero);

        Assert.Equal(100, entries.Ids().Distinct().Count());
        Assert.Equal(100, entries.Select(entry => entry.WorkflowRunId).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => FailedRun.For(Seed.Orders).FailedAt(Seed.T0).CreatedAt(Seed.T0.AddSeconds(1)).Build());
    }
}
