using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.WireExamples;

/// <summary>
/// For every recorded example (tests/WireExamples), the SDK call it stands for sends exactly the recorded request and
/// reads the recorded response right. The engine's tests check the same files from the other side of the wire.
/// </summary>
public sealed class RecordedExamplesTests : WireMockTestBase
{
    private const string RecordedCursor = "recorded-cursor";

    /// <summary>
    /// The id of the action an example is about: a recorded <c>"actionId": "*"</c> is answered as this id, and
    /// <c>{actionId}</c> in the recorded path stands for it, as on the engine's side it stands for the action the example
    /// started (the one its answer names).
    /// </summary>
    private const string RecordedActionId = "recorded-action-id";
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    /// <summary>The SDK call each example records, and what the SDK must make of the recorded answer.</summary>
    private static readonly Dictionary<string, Func<WorkflowClient, Task>> Calls = new()
    {
        ["bulk-resume-by-filter"] = async client =>
        {
            var options = new ResumeOptions { FlowControl = new FlowControl("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromSeconds(60)), Retries = 3, PageSize = 2 };
            var filter = ResumeFilter.Create().FailedAfter(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505)).ForWorkflowUrl(Checkout);
            await using var pages = client.Dlq.BulkResumeAsync(filter, options).AsPages().GetAsyncEnumerator();
            Assert.True(await pages.MoveNextAsync());
            Assert.Equal(["wfr_test000001", "wfr_test000002"], pages.Current.Values.Select(run => run.WorkflowRunId));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), pages.Current.Values[0].WorkflowCreatedAt);
            Assert.Equal(RecordedCursor, pages.Current.ContinuationToken);
        },
        ["bulk-resume-by-ids-not-found"] = async client =>
        {
            var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => Drain(client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("1752829295505-0", "1752829295505-9"))));
            Assert.Equal(["1752829295505-9"], error.DlqIds);
        },
        ["resume-one"] = async client =>
        {
            ResumedRun run = await client.Dlq.ResumeAsync("1752829295505-0", new ResumeOptions { Retries = 5 });
            Assert.Equal("wfr_test000001", run.WorkflowRunId);
        },
        ["resume-one-with-every-override"] = async client =>
        {
            var options = new ResumeOptions
            {
                Retries = 2,
                Delay = TimeSpan.FromSeconds(10),
                RetryDelay = "pow(2, retried) * 1000",
                FlowControl = new FlowControl("tenant-b", parallelism: 1, rate: 5, period: TimeSpan.FromMinutes(1)),
                Labels = ["retry", "eu"],
                FailureCallbackUrl = new Uri("https://shop.example.com/api/failed-again"),
            };
            ResumedRun run = await client.Dlq.ResumeAsync("1752829295505-0", options);
            Assert.Equal("wfr_test000001", run.WorkflowRunId);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), run.WorkflowCreatedAt);
        },
        ["bulk-delete-by-label"] = async client =>
            Assert.Equal(2, await client.Dlq.BulkDeleteAsync(ResumeFilter.Create().WithLabel("eu"))),
        ["get-missing"] = async client =>
            Assert.Null(await client.Dlq.GetAsync("1752829295505-7")),
        ["callback-retry-not-failed"] = async client =>
        {
            var error = await Assert.ThrowsAsync<WorkflowApiException>(() => client.Dlq.RetryFailureCallbackAsync("1752829295505-0"));
            Assert.Equal(400, error.Status);
            Assert.Contains("only a failed callback (CALLBACK_FAIL) can be retried", error.ErrorMessage, StringComparison.Ordinal);
        },
        ["cancel-callback"] = async client =>
            await client.Dlq.CancelFailureCallbackAsync("1752829295505-0"),
        ["cancel-callback-not-in-progress"] = async client =>
        {
            var error = await Assert.ThrowsAsync<WorkflowApiException>(() => client.Dlq.CancelFailureCallbackAsync("1752829295505-0"));
            Assert.IsNotType<OutcomeUnknownException>(error);
            Assert.Equal(400, error.Status);
            Assert.Contains("only a callback in progress (CALLBACK_INPROGRESS) can be canceled", error.ErrorMessage, StringComparison.Ordinal);
        },
        ["get-with-failure-callback"] = async client =>
        {
            DlqMessage? message = await client.Dlq.GetAsync("1752829295505-0");
            Assert.NotNull(message);
            Assert.Equal(FailureCallbackState.Failed, message.FailureCallbackState);
            Assert.Equal(FailureCallbackState.Failed, message.FailureCallbackInfo?.State);
            Assert.Equal(500, message.FailureCallbackInfo?.ResponseStatus);
            Assert.Equal("https://shop.example.com/api/failed", message.FailureCallback);
            Assert.Equal("tenant-a", message.FlowControlKey);
            Assert.Equal(2, message.Parallelism);
            Assert.Equal(10, message.Rate);
            Assert.Equal(TimeSpan.FromSeconds(60), message.Period);
            Assert.Equal(["eu"], message.Labels);
            Assert.Equal(3, message.MaxRetries);
            Assert.Equal("msg_wfr_of_1752829295505-0", message.MessageId);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829235505), message.WorkflowCreatedAt);
            Assert.Equal("Internal Server Error", message.ResponseBody);
        },
        ["run-logs-step-groups"] = async client =>
        {
            WorkflowRun? run = await client.Runs.GetAsync("wfr_checkout_1");
            Assert.NotNull(run);
            Assert.Equal(WorkflowRunState.Failed, run.State);
            Assert.Equal(
                [WorkflowStepGroupKind.Sequential, WorkflowStepGroupKind.Parallel, WorkflowStepGroupKind.Sequential],
                run.StepGroups.Select(group => group.Kind));
            WorkflowStep init = Assert.Single(run.StepGroups[0].Steps);
            Assert.Equal(("init", null, WorkflowStepType.Initial), (init.StepName, init.StepId, init.StepType));
            Assert.Equal("{\"input\":1}", init.Output);
            Assert.Equal([1L, 2L], run.StepGroups[1].Steps.Select(step => step.StepId));
            Assert.Equal(["reserve-stock", "notify-warehouse"], run.StepGroups[1].Steps.Select(step => step.StepName));
            Assert.All(run.StepGroups[1].Steps, step => Assert.Equal((2, 3), (step.Concurrent, step.Retries)));
            WorkflowStep charge = Assert.Single(run.StepGroups[2].Steps);
            Assert.Equal(("charge-card", 3L, WorkflowStepState.Failed), (charge.StepName, charge.StepId, charge.State));
            Assert.Equal(["init", "reserve-stock", "notify-warehouse", "charge-card"], run.Steps.Select(step => step.StepName));
            Assert.Equal(["eu", "vip"], run.Labels);
            Assert.Equal("203.0.113.7", run.CallerIp);
            Assert.Equal("tenant-a", run.FlowControlKey);
            Assert.Equal("1752829295505-0", run.DlqId);
            Assert.Equal(FailureCallbackState.Failed, run.FailureFunction?.State);
            Assert.Equal("https://shop.example.com/api/failed", run.FailureFunction?.Url);
            Assert.Equal((500, "Internal Server Error", 500), (run.FailureFunction!.FailStatus, run.FailureFunction.FailResponse, run.FailureFunction.ResponseStatus));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), run.CompletedAt);
        },
        ["run-logs-by-filters"] = async client =>
        {
            var filter = RunFilter.Create().ForWorkflowUrl(Checkout).InState(WorkflowRunState.Failed).WithLabel("eu").WithoutBodies();
            await using var pages = client.Runs.ListAsync(filter, pageSize: 1).AsPages().GetAsyncEnumerator();
            Assert.True(await pages.MoveNextAsync());
            WorkflowRun run = Assert.Single(pages.Current.Values);
            Assert.Equal(("wfr_a", WorkflowRunState.Failed, Checkout), (run.WorkflowRunId, run.State, run.WorkflowUrl));
            Assert.Equal(["eu"], run.Labels);
            Assert.Equal(["init", "step-1"], run.Steps.Select(step => step.StepName));
            Assert.Equal(2, run.StepGroups.Count);
            Assert.Equal(RecordedCursor, pages.Current.ContinuationToken);
        },
        ["restart-by-ids-multi"] = async client =>
        {
            var options = new ResumeOptions { Labels = ["restarted"], Delay = TimeSpan.FromMinutes(5) };
            var pages = await ToPagesAsync(client.Dlq.BulkRestartAsync(ResumeFilter.ForDlqIds("1752829296505-1", "1752829295505-0"), options));
            Page<ResumedRun> page = Assert.Single(pages);
            Assert.Equal(["wfr_test000001", "wfr_test000002"], page.Values.Select(run => run.WorkflowRunId));
            Assert.Null(page.ContinuationToken);
        },
        ["delete-by-ids-multi"] = async client =>
            Assert.Equal(2, await client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds("1752829295505-0", "1752829297505-2"))),
        ["delete-by-ids-multi-not-found"] = async client =>
        {
            var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds("1752829295505-0", "1752829295505-9")));
            Assert.Equal(["1752829295505-9"], error.DlqIds);
        },
        ["cancel-run"] = async client =>
            Assert.True(await client.Runs.CancelAsync("wfr_checkout_1")),
        ["bulk-cancel-runs-by-ids"] = async client =>
        {
            BulkCancelResult result = await client.Runs.CancelAsync(["wfr_checkout_1", "wfr_checkout_2", "wfr_unknown"]);
            Assert.Equal((1L, false), (result.CanceledCount, result.MayHaveCanceledMore));
        },
        ["bulk-cancel-runs-by-exact-url"] = async client =>
            Assert.Equal(2, (await client.Runs.BulkCancelAsync(RunCancelFilter.Create().ForWorkflowUrl(Checkout))).CanceledCount),
        ["bulk-action-resume-by-filter"] = async client =>
        {
            var filter = ResumeFilter.Create().FailedAfter(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505)).ForWorkflowUrl(Checkout);
            BulkActionOperation operation = await client.Dlq.StartBulkResumeAsync(filter, new ResumeOptions { Retries = 3, Labels = ["replayed"] });
            Assert.Equal(RecordedActionId, operation.Id);
            Assert.Null(operation.Value);
            Assert.False(operation.HasCompleted);
        },
        ["bulk-action-delete-by-label"] = async client =>
        {
            BulkActionOperation operation = await client.Dlq.StartBulkDeleteAsync(ResumeFilter.Create().WithLabel("eu"));
            Assert.Equal(RecordedActionId, operation.Id);
            Assert.False(operation.HasCompleted);
        },
        ["bulk-action-get"] = async client =>
        {
            BulkAction action = await client.BulkActions.GetAsync(RecordedActionId);
            Assert.Equal((RecordedActionId, BulkActionKind.Resume, BulkActionState.Finished), (action.ActionId, action.Kind, action.State));
            Assert.Equal((2L, 2L), (action.Total, action.Processed));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), action.CreatedAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), action.CompletedAt);
            var (criterion, values) = Assert.Single(action.Filter);
            Assert.Equal("label", criterion);
            Assert.Equal(["eu"], values);
        },
        ["bulk-action-get-missing"] = async client =>
        {
            var error = await Assert.ThrowsAsync<WorkflowApiException>(() => client.BulkActions.GetAsync("bulk_1752915695505000000000000"));
            Assert.Equal(404, error.Status);
            Assert.Contains("No bulk action 'bulk_1752915695505000000000000'", error.ErrorMessage, StringComparison.Ordinal);
        },
        ["bulk-actions-list-by-state"] = async client =>
        {
            var pages = await ToPagesAsync(client.BulkActions.ListAsync(BulkActionState.InProgress));
            Page<BulkAction> page = Assert.Single(pages);
            BulkAction action = Assert.Single(page.Values);
            Assert.Null(page.ContinuationToken);
            Assert.Equal((RecordedActionId, BulkActionKind.Restart, BulkActionState.InProgress), (action.ActionId, action.Kind, action.State));
            Assert.Equal((1L, 0L), (action.Total, action.Processed));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), action.CreatedAt);
            Assert.Null(action.CompletedAt);
            Assert.Equal(["https://shop.example.com/api/workflows/invoice"], action.Filter["workflowUrl"]);
        },
        ["bulk-action-other-overrides"] = async client =>
        {
            var error = await Assert.ThrowsAsync<WorkflowApiException>(() => client.Dlq.StartBulkResumeAsync(ResumeFilter.Create().WithLabel("eu"), new ResumeOptions { Retries = 5 }));
            Assert.IsNotType<OutcomeUnknownException>(error);
            Assert.Equal(409, error.Status);
        },
        ["list-by-label"] = async client =>
        {
            await using var pages = client.Dlq.ListAsync(ResumeFilter.Create().WithLabel("eu"), pageSize: 1).AsPages().GetAsyncEnumerator();
            Assert.True(await pages.MoveNextAsync());
            DlqMessage message = Assert.Single(pages.Current.Values);
            Assert.Equal("1752829295505-0", message.DlqId);
            Assert.Equal("wfr_of_1752829295505-0", message.WorkflowRunId);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), message.CreatedAt);
            Assert.Equal("203.0.113.7", message.CallerIp);
            Assert.Equal(["eu"], message.Labels);
            Assert.Equal("{\"input\":1}", message.Body);
            Assert.Equal(["application/json"], message.Header["Content-Type"]);
            Assert.Equal(500, message.ResponseStatus);
            Assert.Equal(RecordedCursor, pages.Current.ContinuationToken);
        },
        ["bulk-action-cancel-runs"] = async client =>
        {
            BulkActionOperation operation = await client.Runs.StartBulkCancelAsync(RunCancelFilter.Create().ForWorkflowUrl(Checkout));
            Assert.False(string.IsNullOrEmpty(operation.Id));
            Assert.False(operation.HasCompleted);
        },
        ["trigger-one"] = async client =>
        {
            var request = new WorkflowTriggerRequest(new Uri(Checkout))
            {
                Body = WorkflowPayload.FromString("""{"orderId":42}""", "application/json"),
                WorkflowRunId = "wfr_order-42",
                Retries = 2,
                RetryDelay = "1000 * (1 + retried)",
                Delay = TimeSpan.FromSeconds(10),
                Labels = ["eu", "vip"],
                FlowControl = new FlowControl("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1)),
                FailureCallbackUrl = new Uri("https://shop.example.com/api/failed"),
                Headers = { ["X-Tenant-Id"] = "acme" },
            };
            TriggeredRun run = await client.Runs.TriggerAsync(request);
            Assert.Equal(("wfr_order-42", DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), false), (run.WorkflowRunId, run.WorkflowCreatedAt, run.Deduplicated));
        },
        ["trigger-many"] = async client =>
        {
            var runs = await client.Runs.TriggerAsync(
            [
                new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = "wfr_order-41", Retries = 2, Body = WorkflowPayload.FromString("""{"orderId":41}""", "application/json") },
                new WorkflowTriggerRequest(new Uri("https://shop.example.com/api/workflows/invoice?tenant=acme"))
                {
                    WorkflowRunId = "wfr_invoice-7",
                    Labels = ["eu"],
                    NotBefore = DateTimeOffset.FromUnixTimeSeconds(1752915755),
                    Body = WorkflowPayload.FromString("invoice 7"),
                },
                new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = "wfr_order-43" },
            ]);
            Assert.Equal(["wfr_order-41", "wfr_invoice-7", "wfr_order-43"], runs.Select(run => run.WorkflowRunId));
            Assert.Equal([true, false, false], runs.Select(run => run.Deduplicated));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), runs[0].WorkflowCreatedAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), runs[2].WorkflowCreatedAt);
        },
        ["notify"] = async client =>
        {
            NotifyResult result = await client.Runs.NotifyAsync("order-42-paid", WorkflowPayload.FromString("""{"paid":true}""", "application/json"));
            NotifiedWaiter notified = Assert.Single(result.Waiters);
            Assert.False(result.MayHaveNotifiedMore);
            Assert.False(string.IsNullOrEmpty(notified.MessageId));
            Assert.Equal(("wfr_checkout_1", DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), null, false), (notified.WorkflowRunId, notified.WorkflowCreatedAt, notified.Error, notified.Deduplicated));
            Assert.Equal(Checkout, notified.Waiter?.Url);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752916295), notified.Waiter?.Deadline);
            Assert.Equal(["wfr_checkout_1"], notified.Waiter!.Headers["Upstash-Workflow-RunId"]);
        },
        ["notify-without-waiters"] = async client =>
            Assert.Empty((await client.Runs.NotifyAsync("order-99-paid", WorkflowPayload.FromString("""{"paid":true}""", "application/json"))).Waiters),
        ["waiters"] = async client =>
        {
            EventWaiter waiter = Assert.Single(await client.Runs.GetWaitersAsync("order-42-paid"));
            Assert.Equal((Checkout, Checkout), (waiter.Url, waiter.TimeoutUrl));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752916295), waiter.Deadline);
            Assert.Equal("""{"timeout":true}"""u8.ToArray(), waiter.TimeoutBody.ToArray());
            Assert.Equal(["step"], waiter.TimeoutHeaders["Upstash-Workflow-CallType"]);
        },
    };

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireExamples"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_sdk_sends_the_recorded_request_and_reads_the_recorded_response(string name)
    {
        Assert.True(Calls.TryGetValue(name, out var call), $"tests/WireExamples/{name}.json has no SDK call in {nameof(RecordedExamplesTests)}: add one.");
        JsonNode example = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireExamples", name + ".json")))!;
        JsonNode request = example["request"]!;
        JsonNode response = example["response"]!;
        var answer = Response.Create().WithStatusCode(response["status"]!.GetValue<int>());
        if (response["body"] is { } body && body is JsonObject or JsonArray)
        {
            ReplaceOpaqueValues(body);
            answer = answer.WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());
        }

        // Only the request and its answer are replayed: the requests "before" it set the scene for the engine's side.
        var (path, query, sentBody) = (request["path"]!.GetValue<string>().Replace("{actionId}", RecordedActionId, StringComparison.Ordinal), request["query"]!.GetValue<string>(), request["body"]?.ToJsonString());
        Server.Given(Request.Create().WithPath(path).UsingMethod(request["method"]!.GetValue<string>())).RespondWith(answer);

        await call(Client);

        var sent = Assert.Single(Requests);
        Assert.Equal(request["method"]!.GetValue<string>(), sent.Method);
        Assert.Equal(path, sent.Path);
        Assert.Equal(query, QueryOf(sent));
        Assert.Equal(sentBody, string.IsNullOrEmpty(sent.Body) ? null : JsonNode.Parse(sent.Body)!.ToJsonString());
        var recordedHeaders = request["headers"]!.AsObject();
        foreach (var (header, value) in recordedHeaders)
        {
            Assert.Equal(value!.GetValue<string>(), HeaderOf(sent, header));
        }

        // No override the example does not record: a header left out keeps the original run's value.
        Assert.Equal(
            recordedHeaders.Select(header => header.Key).Where(IsOverride).Order(StringComparer.OrdinalIgnoreCase),
            sent.Headers!.Keys.Where(IsOverride).Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);

        Assert.Equal($"Bearer {Token}", HeaderOf(sent, "Authorization"));
    }

    /// <summary>A recorded <c>"*"</c> cursor or action id, at any depth, becomes the value the SDK calls expect.</summary>
    private static void ReplaceOpaqueValues(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (member, value) in members.ToArray())
                {
                    if (value is JsonValue text && text.TryGetValue(out string? recorded) && recorded == "*" && OpaqueValue(member) is { } concrete)
                    {
                        members[member] = concrete;
                    }
                    else
                    {
                        ReplaceOpaqueValues(value);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    ReplaceOpaqueValues(item);
                }

                break;
        }
    }

    private static string? OpaqueValue(string member) => member switch
    {
        "cursor" => RecordedCursor,
        "actionId" => RecordedActionId,
        _ => null,
    };

    private static bool IsOverride(string header) => header.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase);

    private static async Task<List<Page<T>>> ToPagesAsync<T>(AsyncPageable<T> source)
    {
        var pages = new List<Page<T>>();
        await foreach (var page in source.AsPages())
        {
            pages.Add(page);
        }

        return pages;
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> source)
    {
        await foreach (T _ in source)
        {
        }
    }
}
