using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Runs;

/// <summary>A run of the run logs: every documented field, the steps in groups, and tolerance of what this SDK does not know.</summary>
public sealed class RunMappingTests : WireMockTestBase
{
    private const string LogsPath = "/v2/workflows/logs";

    private const string FullRun = """
        {
          "workflowRunId": "wfr_new",
          "workflowUrl": "https://app.example.com/api/orders",
          "workflowState": "RUN_STARTED",
          "workflowRunCreatedAt": 1752829301000,
          "workflowRunCompletedAt": 1752829305000,
          "workflowRunCallerIp": "203.0.113.7",
          "workflowRunResponse": "done",
          "invoker": { "workflowRunId": "wfr_parent", "workflowUrl": "https://app.example.com/api/parent", "workflowRunCreatedAt": 1752829300000 },
          "failureFunction": {
            "messageId": "msg_cb", "url": "https://app.example.com/api/failed", "state": "CALLBACK_INPROGRESS", "dlqId": "1752829305000-1",
            "failHeaders": { "Content-Type": ["text/plain"] }, "failStatus": 500, "failResponse": "boom",
            "responseBody": "ok", "responseHeaders": { "X-Cb": ["1"] }, "responseStatus": 200, "maxRetries": 4
          },
          "dlqId": "",
          "label": "billing",
          "labels": ["eu", "billing"],
          "flowControlKey": "tenant-a",
          "somethingNew": { "nested": [1, 2] },
          "steps": [
            { "type": "sequential", "steps": [
              { "stepName": "init", "stepType": "Initial", "out": "{\"order\":42}", "concurrent": 1, "state": "STEP_SUCCESS", "createdAt": 1752829301001 }
            ] },
            { "type": "parallel", "steps": [
              { "stepId": 1, "stepName": "charge", "stepType": "Call", "callType": "parallelResult", "messageId": "msg_1", "out": {"paid":true}, "concurrent": 2,
                "state": "STEP_RETRY", "createdAt": 1752829301002, "retries": 3, "retryDelay": "pow(2, retried) * 1000", "nextDeliveryTime": 1752829309000,
                "callUrl": "https://pay.example.com/charge", "callMethod": "POST", "callBody": "{\"amount\":5}", "callHeaders": { "Authorization": ["Bearer x"] },
                "callResponseStatus": 502, "callResponseBody": "bad gateway", "callResponseHeaders": { "Retry-After": ["5"] } },
              { "stepId": 2, "stepName": "wait", "stepType": "Wait", "concurrent": 2, "state": "STEP_SUCCESS", "createdAt": 1752829301003,
                "waitEventId": "evt_1", "waitTimeout": true, "stepColour": "blue" }
            ] },
            { "type": "next", "steps": [
              { "stepId": 3, "stepName": "invoke", "stepType": "Invoke", "state": "STEP_PROGRESS", "createdAt": 1752829301004,
                "invokedWorkflowRunId": "wfr_child", "invokedWorkflowUrl": "https://app.example.com/api/child" }
            ] }
          ]
        }
        """;

    private async Task<WorkflowRun> ReadAsync(string runJson)
    {
        Stub("GET", LogsPath, $$"""{"runs":[{{runJson}}]}""");
        var run = await Client.Runs.GetAsync("wfr_new");
        Assert.NotNull(run);
        return run;
    }

    [Fact]
    public async Task Every_field_of_a_run_is_mapped()
    {
        var run = await ReadAsync(FullRun);

        Assert.Equal("wfr_new", run.WorkflowRunId);
        Assert.Equal("https://app.example.com/api/orders", run.WorkflowUrl);
        Assert.Equal(WorkflowRunState.Started, run.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829301000), run.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829305000), run.CompletedAt);
        Assert.Equal("203.0.113.7", run.CallerIp);
        Assert.Equal("done", run.Response);
        Assert.Null(run.DlqId);
        Assert.Equal(["billing", "eu"], run.Labels);
        Assert.Equal("tenant-a", run.FlowControlKey);

        var invoker = Assert.IsType<WorkflowInvoker>(run.Invoker);
        Assert.Equal(("wfr_parent", "https://app.example.com/api/parent", DateTimeOffset.FromUnixTimeMilliseconds(1752829300000)), (invoker.WorkflowRunId, invoker.WorkflowUrl, invoker.CreatedAt));

        var callback = Assert.IsType<FailureFunctionInfo>(run.FailureFunction);
        Assert.Equal("msg_cb", callback.MessageId);
        Assert.Equal("https://app.example.com/api/failed", callback.Url);
        Assert.Equal(FailureCallbackState.InProgress, callback.State);
        Assert.Equal("1752829305000-1", callback.DlqId);
        Assert.Equal(["text/plain"], callback.FailHeaders["content-type"]);
        Assert.Equal(500, callback.FailStatus);
        Assert.Equal("boom", callback.FailResponse);
        Assert.Equal("ok", callback.ResponseBody);
        Assert.Equal(["1"], callback.ResponseHeaders["x-cb"]);
        Assert.Equal(200, callback.ResponseStatus);
        Assert.Equal(4, callback.MaxRetries);
    }

    [Fact]
    public async Task Steps_are_read_in_their_groups_and_flattened_in_order()
    {
        var run = await ReadAsync(FullRun);

        Assert.Equal([WorkflowStepGroupKind.Sequential, WorkflowStepGroupKind.Parallel, WorkflowStepGroupKind.Next], run.StepGroups.Select(g => g.Kind));
        Assert.Equal([1, 2, 1], run.StepGroups.Select(g => g.Steps.Count));
        Assert.Equal(["init", "charge", "wait", "invoke"], run.Steps.Select(s => s.StepName));
        Assert.Same(run.StepGroups[1].Steps[0], run.Steps[1]);
        Assert.Equal([null, 1L, 2L, 3L], run.Steps.Select(s => s.StepId));
        Assert.Equal([WorkflowStepType.Initial, WorkflowStepType.Call, WorkflowStepType.Wait, WorkflowStepType.Invoke], run.Steps.Select(s => s.StepType));
        Assert.Equal([WorkflowStepState.Succeeded, WorkflowStepState.Retrying, WorkflowStepState.Succeeded, WorkflowStepState.InProgress], run.Steps.Select(s => s.State));
        Assert.Equal(["""{"order":42}""", """{"paid":true}""", null, null], run.Steps.Select(s => s.Output));
        Assert.Equal([1, 2, 2, 1], run.Steps.Select(s => s.Concurrent));
        Assert.Equal("init (STEP_SUCCESS)", run.Steps[0].ToString());
        Assert.Equal("1 charge (STEP_RETRY)", run.Steps[1].ToString());
    }

    [Fact]
    public async Task Every_field_of_a_step_is_mapped()
    {
        var run = await ReadAsync(FullRun);
        var call = run.Steps[1];
        var wait = run.Steps[2];
        var invoke = run.Steps[3];

        Assert.Equal("parallelResult", call.CallType);
        Assert.Equal("msg_1", call.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829301002), call.CreatedAt);
        Assert.Equal(3, call.Retries);
        Assert.Equal("pow(2, retried) * 1000", call.RetryDelay);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829309000), call.NextDeliveryTime);
        Assert.Equal("https://pay.example.com/charge", call.CallUrl);
        Assert.Equal("POST", call.CallMethod);
        Assert.Equal("""{"amount":5}""", call.CallBody);
        Assert.Equal(["Bearer x"], call.CallHeaders["authorization"]);
        Assert.Equal(502, call.CallResponseStatus);
        Assert.Equal("bad gateway", call.CallResponseBody);
        Assert.Equal(["5"], call.CallResponseHeaders["retry-after"]);
        Assert.Equal("evt_1", wait.WaitEventId);
        Assert.True(wait.WaitTimedOut);
        Assert.Null(call.WaitTimedOut);
        Assert.Equal("wfr_child", invoke.InvokedWorkflowRunId);
        Assert.Equal("https://app.example.com/api/child", invoke.InvokedWorkflowUrl);
        Assert.Empty(invoke.CallHeaders);
        Assert.Null(invoke.NextDeliveryTime);
    }

    [Theory]
    [InlineData("\"type\":\"later\",", "later")]
    [InlineData("\"type\":\"Parallel\",", "Parallel")]
    [InlineData("\"type\":\"\",", null)]
    [InlineData("\"type\":null,", null)]
    [InlineData("", null)]
    public async Task A_group_type_this_sdk_does_not_know_keeps_its_wire_value_and_its_steps_and_a_missing_one_reads_as_null(string typeJson, string? kind)
    {
        var run = await ReadAsync($$"""{"workflowRunId":"wfr_new","steps":[{ {{typeJson}} "steps":[{"stepId":1,"stepName":"a","stepType":"Run","state":"STEP_SUCCESS"},{"stepId":2,"stepName":"b"}]}]}""");

        var group = Assert.Single(run.StepGroups);
        Assert.Equal(kind, group.Kind?.ToString());
        Assert.NotEqual(WorkflowStepGroupKind.Sequential, group.Kind);
        Assert.NotEqual(WorkflowStepGroupKind.Parallel, group.Kind);
        Assert.Equal(["a", "b"], group.Steps.Select(s => s.StepName));
    }

    [Fact]
    public async Task Unknown_step_types_and_states_keep_their_wire_values_and_unknown_fields_are_ignored()
    {
        var run = await ReadAsync("""
            {"workflowRunId":"wfr_new","workflowState":"RUN_PAUSED","steps":[{"type":"sequential","futureField":1,"steps":[
              {"stepId":1,"stepName":"x","stepType":"Teleport","state":"STEP_DREAMING","createdAt":5,"brandNew":{"a":[true]}}]}]}
            """);

        Assert.Equal("RUN_PAUSED", run.State?.ToString());
        var step = Assert.Single(run.Steps);
        Assert.Equal("Teleport", step.StepType?.ToString());
        Assert.Equal("STEP_DREAMING", step.State?.ToString());
        Assert.Equal("1 x (STEP_DREAMING)", step.ToString());
        Assert.Equal("wfr_new (RUN_PAUSED, 1 steps)", run.ToString());
    }

    [Theory]
    [MemberData(nameof(StepTypes))]
    public async Task Step_types_are_read_by_wire_name(string wire, WorkflowStepType expected)
    {
        var run = await ReadAsync($$"""{"workflowRunId":"wfr_new","steps":[{"type":"sequential","steps":[{"stepId":1,"stepName":"x","stepType":"{{wire}}"}]}]}""");

        Assert.Equal(expected, Assert.Single(run.Steps).StepType);
    }

    public static TheoryData<string, WorkflowStepType> StepTypes() => new()
    {
        { "CreateWebhook", WorkflowStepType.CreateWebhook },
        { "WaitForWebhook", WorkflowStepType.WaitForWebhook },
        { "SleepFor", WorkflowStepType.SleepFor },
        { "SleepUntil", WorkflowStepType.SleepUntil },
        { "Notify", WorkflowStepType.Notify },
        { "Run", WorkflowStepType.Run },
    };

    [Fact]
    public async Task Text_fields_sent_as_other_json_are_kept_as_json_text()
    {
        var run = await ReadAsync("""
            {"workflowRunId":"wfr_new","workflowRunResponse":{"total":3},"failureFunction":{"failResponse":{"e":1},"responseBody":7},
             "steps":[{"type":"sequential","steps":[{"stepId":1,"stepName":"x","out":[1,2],"callBody":{"a":1},"callResponseBody":true,"retryDelay":1000}]}]}
            """);

        Assert.Equal("""{"total":3}""", run.Response);
        Assert.Equal("""{"e":1}""", run.FailureFunction?.FailResponse);
        Assert.Equal("7", run.FailureFunction?.ResponseBody);
        var step = Assert.Single(run.Steps);
        Assert.Equal("[1,2]", step.Output);
        Assert.Equal("""{"a":1}""", step.CallBody);
        Assert.Equal("true", step.CallResponseBody);
        Assert.Equal("1000", step.RetryDelay);
    }

    [Fact]
    public async Task Null_groups_and_steps_are_skipped_and_a_minimal_run_has_empty_collections()
    {
        var run = await ReadAsync("""{"workflowRunId":"wfr_new","steps":[null,{"type":"parallel","steps":[null]},{"type":"next"}]}""");

        Assert.Equal([WorkflowStepGroupKind.Parallel, WorkflowStepGroupKind.Next], run.StepGroups.Select(g => g.Kind));
        Assert.All(run.StepGroups, group => Assert.Empty(group.Steps));
        Assert.Empty(run.Steps);
        Assert.Empty(run.Labels);
        Assert.Null(run.CallerIp);
        Assert.Null(run.Response);
        Assert.Null(run.Invoker);
        Assert.Null(run.FailureFunction);
        Assert.Null(run.FlowControlKey);
        Assert.Null(run.CompletedAt);
    }
}
