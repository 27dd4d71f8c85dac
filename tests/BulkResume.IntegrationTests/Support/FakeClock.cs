using Microsoft.Extensions.Time.Testing;

namespace BulkResume.IntegrationTests.Support;

/// <summary>A fake clock shared by the client and the engine, and a way to run a task while time moves on.</summary>
internal sealed class FakeClock : FakeTimeProvider
{
    public FakeClock()
        : base(DateTimeOffset.FromUnixTimeSeconds(1_752_829_000))
    {
    }

    /// <summary>Advances the clock in small steps until the task ends, so every timer in between fires in order.</summary>
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

        return await task;
    }
}
