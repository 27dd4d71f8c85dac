using Microsoft.Extensions.Time.Testing;

namespace BulkResume.IntegrationTests.Support;

/// <summary>A fake clock shared by the client and the engine, and a way to run a task while time moves on.</summary>
internal sealed class FakeClock : FakeTimeProvider
{
    public FakeClock()
        : base(DateTimeOffset.FromUnixTimeSeconds(1_752_829_000))
    {
    }

    /// <summary>Advances the clock in small steps until the task ends, so every timer in between fires in order; a task still running after <paramref name="maxSteps"/> is a <see cref="TimeoutException"/>.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Yield();
            if (!task.IsCompleted)
            {
                await Task.Delay(1);
                Advance(step);
            }
        }

        return task.IsCompleted
            ? await task
            : throw new TimeoutException($"The task did not finish within {maxSteps} steps of {step.TotalMilliseconds} ms on the fake clock.");
    }
}
