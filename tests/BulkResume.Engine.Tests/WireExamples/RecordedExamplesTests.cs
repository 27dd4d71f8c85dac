using System.Net;
using System.Text.Json;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.WireExamples;

/// <summary>The engine answers every recorded request (tests/WireExamples) with exactly the recorded response.</summary>
public sealed class RecordedExamplesTests
{
    public static TheoryData<string> Examples() => new(RecordedExample.Names().Where(name => RecordedExample.Load(name).EnginePending is null));

    [Theory]
    [MemberData(nameof(Examples))]
    public Task The_engine_answers_the_recorded_request_with_the_recorded_response(string name) => CheckAsync(RecordedExample.Load(name));

    /// <summary>
    /// The examples whose engine side is pending (<c>enginePending</c>, for an endpoint the engine does not serve yet) are
    /// each run too: one the engine now answers as recorded fails this test until its mark is removed, so the mark can't
    /// outlive the gap; the others are reported as skipped, with their reasons, never passed in silence.
    /// </summary>
    [SkippableFact]
    public async Task Examples_pending_on_the_engine_side_are_reported_until_the_engine_answers_them()
    {
        var pending = new List<string>();
        foreach (string name in RecordedExample.Names())
        {
            RecordedExample example = RecordedExample.Load(name);
            if (example.EnginePending is not { } reason)
            {
                continue;
            }

            bool answered;
            try
            {
                await CheckAsync(example);
                answered = true;
            }
            catch (Exception)
            {
                // Any failure (a status, a body, an answer that is not JSON) means not answered as recorded.
                answered = false;
            }

            Assert.False(answered, $"tests/WireExamples/{name}.json: the engine now answers it as recorded; remove its \"enginePending\" mark so it is checked with the others.");
            pending.Add($"{name} ({reason})");
        }

        Skip.If(pending.Count > 0, $"engine side pending for {pending.Count} example(s): {string.Join("; ", pending)}");
    }

    private static async Task CheckAsync(RecordedExample example)
    {
        string name = example.Name;
        using var harness = new HttpHarness();
        await harness.Server.Engine.DeadLetterAsync(example.Seed.EnumerateArray().Select(Entry));
        foreach (RunRecord run in example.SeedRuns.Select(Run))
        {
            await harness.Server.Store.SaveRunAsync(run);
        }

        foreach (JsonElement waiter in example.SeedWaiters)
        {
            await SeedWaiterAsync(harness, waiter);
        }

        string? actionId = null;
        foreach (JsonElement before in example.Before)
        {
            // Bulk actions started before run to the end, unless one of these requests held them from itself on.
            harness.Server.Faults.HoldBulkActions |= before.TryGetProperty("holdBulkActions", out JsonElement hold) && hold.GetBoolean();
            HttpReply scene = await SendAsync(harness, before, actionId);
            Assert.True(scene.Status == HttpStatusCode.OK, $"{name}: a request before the example answered {(int)scene.Status}: {scene.Body}");
            actionId = scene.Json.TryGetProperty("actionId", out JsonElement id) ? id.GetString() : actionId;
            if (!harness.Server.Faults.HoldBulkActions)
            {
                await harness.Server.BulkActions.WaitUntilIdleAsync();
            }
        }

        HttpReply reply = await SendAsync(harness, example.Request, actionId);

        if (Environment.GetEnvironmentVariable("BULKRESUME_PRINT_EXAMPLES") == "1")
        {
            Console.WriteLine($"{name}: {(int)reply.Status} {reply.Body}");
        }

        Assert.Equal(example.Response.GetProperty("status").GetInt32(), (int)reply.Status);
        if (example.Response.TryGetProperty("body", out JsonElement expected))
        {
            using JsonDocument actual = JsonDocument.Parse(reply.Body);
            string[] differences = JsonShape.Differences(expected, actual.RootElement).ToArray();
            Assert.True(differences.Length == 0, $"{name}:\n{string.Join("\n", differences)}\nactual: {reply.Body}");
        }
        else
        {
            Assert.Equal(string.Empty, reply.Body);
        }
    }

    /// <summary>Sends a recorded request; <c>{actionId}</c> in its path stands for the action the requests before it started last.</summary>
    private static Task<HttpReply> SendAsync(HttpHarness harness, JsonElement request, string? actionId)
    {
        string query = request.GetProperty("query").GetString()!;
        string path = request.GetProperty("path").GetString()!.Replace("{actionId}", actionId, StringComparison.Ordinal);
        return harness.SendAsync(
            new HttpMethod(request.GetProperty("method").GetString()!),
            path + (query.Length > 0 ? "?" + query : string.Empty),
            message =>
            {
                foreach (JsonProperty header in request.GetProperty("headers").EnumerateObject())
                {
                    message.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
                }

                if (request.TryGetProperty("body", out JsonElement body))
                {
                    message.Content = new StringContent(body.GetRawText(), System.Text.Encoding.UTF8, "application/json");
                }
            });
    }

    [Fact]
    public void A_differing_answer_is_reported()
    {
        using JsonDocument expected = JsonDocument.Parse("""{"cursor":"*","workflowRuns":[{"workflowRunId":"a"}]}""");
        using JsonDocument actual = JsonDocument.Parse("""{"workflowRuns":[{"workflowRunId":"b"}],"extra":1}""");

        string[] differences = JsonShape.Differences(expected.RootElement, actual.RootElement).ToArray();

        Assert.Equal(3, differences.Length);
    }

    private static DlqEntry Entry(JsonElement seed)
    {
        FailedRun run = FailedRun.For(seed.GetProperty("workflowUrl").GetString()!)
            .WithDlqId(seed.GetProperty("dlqId").GetString()!)
            .WithRunId(seed.TryGetProperty("workflowRunId", out JsonElement runId) ? runId.GetString()! : "wfr_of_" + seed.GetProperty("dlqId").GetString())
            .FailedAt(DateTimeOffset.FromUnixTimeMilliseconds(seed.GetProperty("failedAt").GetInt64()));
        if (seed.TryGetProperty("labels", out JsonElement labels))
        {
            run = run.WithLabels(labels.EnumerateArray().Select(label => label.GetString()!).ToArray());
        }

        if (seed.TryGetProperty("flowControlKey", out JsonElement key))
        {
            run = run.WithFlowControlKey(
                key.GetString()!,
                Optional(seed, "parallelism"),
                Optional(seed, "rate"),
                Optional(seed, "period") is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        }

        if (seed.TryGetProperty("failureCallbackState", out JsonElement state))
        {
            run = run.WithFailureCallback("https://shop.example.com/api/failed", WireNames.ParseFailureCallbackState("failureCallbackState", state.GetString()!));
        }

        DlqEntry entry = run.Build();
        return seed.TryGetProperty("steps", out JsonElement steps) ? entry with { Steps = steps.EnumerateArray().Select(Step).ToArray() } : entry;
    }

    /// <summary>A seeded waiter: its run, running and delivered (its history the empty initial payload), and the waiter as recorded.</summary>
    private static async Task SeedWaiterAsync(HttpHarness harness, JsonElement seed)
    {
        string runId = seed.GetProperty("workflowRunId").GetString()!;
        long createdAt = seed.GetProperty("workflowCreatedAt").GetInt64();
        JsonElement waiter = seed.GetProperty("waiter");
        await harness.Server.Store.SaveRunAsync(new RunRecord
        {
            WorkflowRunId = runId,
            WorkflowUrl = waiter.GetProperty("url").GetString()!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt),
            State = RunState.Started,
            Origin = WorkflowRunOrigin.Triggered,
            Delivered = new DeliveredRun { History = [new RawStep("msg_init", string.Empty, "step")] },
        });
        var recorded = new EventWaiter
        {
            EventId = seed.GetProperty("eventId").GetString()!,
            WorkflowRunId = runId,
            WorkflowCreatedAt = createdAt,
            Step = """{"stepId":1,"stepType":"Wait","stepName":"wait","concurrent":1}""",
            Timeout = "7d",
            Waiter = new WaiterBody
            {
                Url = waiter.GetProperty("url").GetString()!,
                Headers = Headers(waiter.GetProperty("headers")),
                Deadline = waiter.GetProperty("deadline").GetInt64(),
                TimeoutBody = waiter.TryGetProperty("timeoutBody", out JsonElement body) ? body.GetString() : null,
                TimeoutUrl = waiter.GetProperty("timeoutUrl").GetString()!,
                TimeoutHeaders = Headers(waiter.GetProperty("timeoutHeaders")),
            },
        };
        await harness.Server.Store.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync([EventWaits.Record(recorded)]);
            return true;
        });
    }

    private static Dictionary<string, IReadOnlyList<string>> Headers(JsonElement headers) =>
        headers.EnumerateObject().ToDictionary(header => header.Name, header => (IReadOnlyList<string>)header.Value.EnumerateArray().Select(value => value.GetString()!).ToArray());

    private static RunRecord Run(JsonElement seed) => new()
    {
        WorkflowRunId = seed.GetProperty("workflowRunId").GetString()!,
        WorkflowUrl = seed.GetProperty("workflowUrl").GetString()!,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(seed.GetProperty("createdAt").GetInt64()),
        State = WireNames.ParseRunState("state", seed.GetProperty("state").GetString()!),
        Origin = WorkflowRunOrigin.Triggered,
    };

    private static StepRecord Step(JsonElement step, int index) => new()
    {
        StepId = index,
        StepName = step.GetProperty("stepName").GetString()!,
        StepType = Enum.Parse<StepType>(step.GetProperty("stepType").GetString()!),
        State = Enum.GetValues<StepState>().Single(state => WireNames.Of(state) == step.GetProperty("state").GetString()),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(step.GetProperty("createdAt").GetInt64()),
        Out = step.TryGetProperty("out", out JsonElement output) ? output.GetString() : null,
        Concurrent = Optional(step, "concurrent") ?? 1,
    };

    private static int? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.GetInt32() : null;
}
