using System.Net;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The emulator's clock over real HTTP: a skew injected with <c>clockOffsetMs</c> moves every time the emulator stamps,
/// answers or selects by, on top of the clock it was configured with, and every answer tells it in <c>Date</c>.
/// </summary>
public sealed class EmulatorClockTests
{
    [Theory]
    [InlineData(8000)]
    [InlineData(-8000)]
    public async Task A_clock_offset_moves_a_seeded_failure_time_and_a_resumed_runs_creation_time_against_the_machines_clock(int offsetMs)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        EmulatorReply skewed = await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", $$"""{"clockOffsetMs":{{offsetMs}}}""");

        long before = MachineNow();
        string dlqId = (await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":1}""")).Json.GetProperty("dlqIds")[0].GetString()!;
        JsonElement entry = (await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq/" + dlqId)).Json;
        EmulatorReply resume = await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/v2/workflows/dlq/resume/" + dlqId);
        JsonElement resumed = resume.Json;
        string runId = resumed.GetProperty("workflowRunId").GetString()!;
        JsonElement run = (await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/logs?workflowRunId=" + runId)).Json.GetProperty("runs")[0];
        long after = MachineNow();

        Assert.Equal(HttpStatusCode.NoContent, skewed.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(offsetMs), emulator.ClockOffset);
        Assert.InRange(entry.GetProperty("createdAt").GetInt64(), before + offsetMs, after + offsetMs);
        Assert.InRange(resumed.GetProperty("workflowCreatedAt").GetInt64(), before + offsetMs, after + offsetMs);
        Assert.InRange(run.GetProperty("workflowRunCreatedAt").GetInt64(), before + offsetMs, after + offsetMs);
        Assert.InRange(resume.Headers.Date!.Value.ToUnixTimeSeconds(), (before + offsetMs) / 1000, (after + offsetMs) / 1000);
    }

    [Fact]
    public async Task With_the_clock_ahead_fromDate_at_the_machines_now_selects_the_entries_just_seeded()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", $$"""{"count":2,"failedAt":{{MachineNow() - 60_000}}}""");
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":8000}""");
        EmulatorReply ahead = await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":3}""");

        EmulatorReply selected = await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, $"/v2/workflows/dlq?fromDate={MachineNow()}");

        Assert.Equal(
            ahead.Json.GetProperty("dlqIds").EnumerateArray().Select(id => id.GetString()),
            selected.Json.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("dlqId").GetString()));
    }

    [Fact]
    public async Task The_offset_is_added_to_the_configured_clock_and_moves_the_burst_limits_seconds()
    {
        var clock = new FakeClock();
        await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { TimeProvider = clock });
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":8000,"burstLimit":1}""");

        string dlqId = (await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":1}""")).Json.GetProperty("dlqIds")[0].GetString()!;
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq");
        EmulatorReply limited = await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq");

        DateTimeOffset emulatorNow = clock.GetUtcNow().AddSeconds(8);
        Assert.Equal(emulatorNow, (await emulator.Store.GetAsync(dlqId))!.CreatedAt);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal((emulatorNow.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers.GetValues("Burst-RateLimit-Reset").Single());
    }

    [Fact]
    public async Task Reset_true_in_the_faults_or_an_emulator_reset_puts_the_clock_back()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":8000}""");
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"reset":true}""");
        TimeSpan afterFaultsReset = emulator.ClockOffset;
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":-8000}""");
        TimeSpan set = emulator.ClockOffset;
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/reset");

        Assert.Equal(TimeSpan.Zero, afterFaultsReset);
        Assert.Equal(TimeSpan.FromSeconds(-8), set);
        Assert.Equal(TimeSpan.Zero, emulator.ClockOffset);
    }

    [Fact]
    public async Task Every_answer_carries_the_emulators_clock_in_Date_instead_of_the_machines_that_kestrel_would_write()
    {
        var clock = new FakeClock();
        await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { TimeProvider = clock });
        await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":8000}""");

        EmulatorReply[] answers =
        [
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq"),
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq/missing"),
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/_emulator/stats"),
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":0}"""),
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/health"),
            await EmulatorHttp.SendAsync(emulator, HttpMethod.Get, "/"),
        ];

        // The fake clock stands at 08:56:40 on 18 July 2025, eight seconds behind the emulator's and far from the machine's.
        Assert.Equal(
            [(HttpStatusCode.OK, "Fri, 18 Jul 2025 08:56:48 GMT"), (HttpStatusCode.NotFound, "Fri, 18 Jul 2025 08:56:48 GMT"),
             (HttpStatusCode.OK, "Fri, 18 Jul 2025 08:56:48 GMT"), (HttpStatusCode.BadRequest, "Fri, 18 Jul 2025 08:56:48 GMT"),
             (HttpStatusCode.OK, "Fri, 18 Jul 2025 08:56:48 GMT"), (HttpStatusCode.OK, "Fri, 18 Jul 2025 08:56:48 GMT")],
            answers.Select(answer => (answer.Status, Assert.Single(answer.Headers.GetValues("Date")))));
    }

    private static long MachineNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
