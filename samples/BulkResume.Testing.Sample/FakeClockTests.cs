using BulkResume.Engine;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Testing.Sample;

/// <summary>
/// Faults on a fake clock: the client waits on the clock between retries, so the test moves the clock while the
/// call runs; nothing sleeps for real.
/// </summary>
public sealed class FakeClockTests
{
    [Fact]
    public async Task Rides_out_two_503s_while_the_test_moves_the_clock()
    {
        var clock = new FakeTimeProvider();
        using var server = DlqTestServer.Create(timeProvider: clock);
        await server.Engine.DeadLetterAsync(FailedRuns.Many(12, CheckoutRecovery.CheckoutUrl, clock.GetUtcNow().AddHours(-1)));
        server.Faults.FailNext(2, 503);
        var client = new WorkflowClient(server.CreateHttpClient(), new WorkflowClientOptions { Token = server.Token }, loggerFactory: null, clock);
        var recovery = new CheckoutRecovery(client.Dlq);

        var resumed = await WhileTheClockMoves(clock, recovery.ResumeIncidentAsync(clock.GetUtcNow().AddHours(-2), clock.GetUtcNow()));

        Assert.Equal(12, resumed);
        Assert.True(clock.GetUtcNow() > clock.Start, "the retries waited on the fake clock");
    }

    /// <summary>Moves the clock a second at a time until the task ends: each retry delay elapses when the clock passes it.</summary>
    private static async Task<T> WhileTheClockMoves<T>(FakeTimeProvider clock, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }
}
