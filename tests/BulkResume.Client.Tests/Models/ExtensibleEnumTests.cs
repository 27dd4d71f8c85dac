using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Client.Tests.Infrastructure;
using BulkResume.Internal.Wire;

namespace BulkResume.Client.Tests.Models;

/// <summary>
/// The extensible enums (<see cref="FailureCallbackState"/>, <see cref="WorkflowRunState"/>, <see cref="WorkflowStepState"/>,
/// <see cref="WorkflowStepType"/>, <see cref="WorkflowStepGroupKind"/>, <see cref="BulkActionKind"/>, <see cref="BulkActionState"/>): a value a newer service adds reads, is kept and
/// writes back exactly as it came; values compare by their wire text, ordinally; filters take only the known ones.
/// </summary>
public sealed class ExtensibleEnumTests : WireMockTestBase
{
    private const string NewCallbackState = "CALLBACK_PAUSED";
    private const string NewRunState = "RUN_PAUSED";
    private const string NewStepState = "STEP_SKIPPED";
    private const string NewStepType = "Teleport";
    private const string NewGroupKind = "fanout";

    /// <summary>Every known value of every extensible enum, with its wire value (the contract's lists).</summary>
    public static TheoryData<object, string> KnownValues() => new()
    {
        { FailureCallbackState.InProgress, "CALLBACK_INPROGRESS" },
        { FailureCallbackState.Succeeded, "CALLBACK_SUCCESS" },
        { FailureCallbackState.Failed, "CALLBACK_FAIL" },
        { FailureCallbackState.Canceled, "CALLBACK_CANCELED" },
        { WorkflowRunState.Started, "RUN_STARTED" },
        { WorkflowRunState.Succeeded, "RUN_SUCCESS" },
        { WorkflowRunState.Failed, "RUN_FAILED" },
        { WorkflowRunState.Canceled, "RUN_CANCELED" },
        { WorkflowStepState.Succeeded, "STEP_SUCCESS" },
        { WorkflowStepState.Retrying, "STEP_RETRY" },
        { WorkflowStepState.Failed, "STEP_FAILED" },
        { WorkflowStepState.InProgress, "STEP_PROGRESS" },
        { WorkflowStepState.Canceled, "STEP_CANCELED" },
        { WorkflowStepType.Initial, "Initial" },
        { WorkflowStepType.Run, "Run" },
        { WorkflowStepType.SleepFor, "SleepFor" },
        { WorkflowStepType.SleepUntil, "SleepUntil" },
        { WorkflowStepType.Call, "Call" },
        { WorkflowStepType.Wait, "Wait" },
        { WorkflowStepType.Notify, "Notify" },
        { WorkflowStepType.Invoke, "Invoke" },
        { WorkflowStepType.CreateWebhook, "CreateWebhook" },
        { WorkflowStepType.WaitForWebhook, "WaitForWebhook" },
        { WorkflowStepGroupKind.Sequential, "sequential" },
        { WorkflowStepGroupKind.Parallel, "parallel" },
        { WorkflowStepGroupKind.Next, "next" },
        { BulkActionKind.Resume, "resume" },
        { BulkActionKind.Restart, "restart" },
        { BulkActionKind.Delete, "delete" },
        { BulkActionKind.Cancel, "cancel" },
        { BulkActionState.InProgress, "IN_PROGRESS" },
        { BulkActionState.Finished, "FINISHED" },
    };

    public static TheoryData<Type> Types() => new(typeof(FailureCallbackState), typeof(WorkflowRunState), typeof(WorkflowStepState), typeof(WorkflowStepType), typeof(WorkflowStepGroupKind), typeof(BulkActionKind), typeof(BulkActionState));

    [Fact]
    public async Task An_unknown_callback_state_reads_as_sent_in_both_forms_and_writes_back_unchanged()
    {
        JsonObject body = ExampleBody("get-with-failure-callback");
        body["failureFunctionState"] = NewCallbackState;
        body["failureCallbackInfo"]!["state"] = NewCallbackState;
        Stub("GET", "/v2/workflows/dlq/1752829295505-0", body.ToJsonString());

        DlqMessage? message = await Client.Dlq.GetAsync("1752829295505-0");

        Assert.NotNull(message);
        Assert.Equal(NewCallbackState, message.FailureCallbackState?.ToString());
        Assert.Equal(NewCallbackState, message.FailureCallbackInfo?.State?.ToString());
        Assert.Equal(new FailureCallbackState(NewCallbackState), message.FailureCallbackState);
        Assert.DoesNotContain(message.FailureCallbackState!.Value, new[] { FailureCallbackState.InProgress, FailureCallbackState.Succeeded, FailureCallbackState.Failed, FailureCallbackState.Canceled });

        JsonObject written = WriteBack(body, WorkflowJsonContext.Default.DlqMessageWire);
        Assert.Equal(NewCallbackState, written["failureFunctionState"]!.GetValue<string>());
        Assert.Equal(NewCallbackState, written["failureCallbackInfo"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_run_states_step_states_step_types_group_kinds_and_callback_states_read_as_sent_and_write_back_unchanged()
    {
        JsonObject body = ExampleBody("run-logs-step-groups");
        JsonNode run = body["runs"]![0]!;
        run["workflowState"] = NewRunState;
        run["failureFunction"]!["state"] = NewCallbackState;
        JsonNode group = run["steps"]![1]!;
        group["type"] = NewGroupKind;
        group["steps"]![0]!["stepType"] = NewStepType;
        group["steps"]![0]!["state"] = NewStepState;
        Stub("GET", "/v2/workflows/logs", body.ToJsonString());

        WorkflowRun? read = await Client.Runs.GetAsync("wfr_checkout_1");

        Assert.NotNull(read);
        Assert.Equal(NewRunState, read.State?.ToString());
        Assert.Equal(NewCallbackState, read.FailureFunction?.State?.ToString());
        Assert.Equal(["sequential", NewGroupKind, "sequential"], read.StepGroups.Select(g => g.Kind?.ToString()));
        Assert.Equal(["reserve-stock", "notify-warehouse"], read.StepGroups[1].Steps.Select(step => step.StepName));
        WorkflowStep step = read.StepGroups[1].Steps[0];
        Assert.Equal((NewStepType, NewStepState), (step.StepType?.ToString(), step.State?.ToString()));
        Assert.Equal($"1 reserve-stock ({NewStepState})", step.ToString());
        Assert.Equal($"wfr_checkout_1 ({NewRunState}, 4 steps)", read.ToString());
        Assert.Equal($"{NewGroupKind} (2 steps)", read.StepGroups[1].ToString());

        JsonNode written = WriteBack(body, WorkflowJsonContext.Default.RunLogsResponseWire)["runs"]![0]!;
        Assert.Equal(NewRunState, written["workflowState"]!.GetValue<string>());
        Assert.Equal(NewCallbackState, written["failureFunction"]!["state"]!.GetValue<string>());
        Assert.Equal(NewGroupKind, written["steps"]![1]!["type"]!.GetValue<string>());
        Assert.Equal(NewStepType, written["steps"]![1]!["steps"]![0]!["stepType"]!.GetValue<string>());
        Assert.Equal(NewStepState, written["steps"]![1]!["steps"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("STEP_SUCCESS", written["steps"]![1]!["steps"]![1]!["state"]!.GetValue<string>());
    }

    [Fact]
    public void A_value_that_is_not_a_json_string_fails_the_answer_rather_than_reading_as_something_else()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"workflowState":3}""", WorkflowJsonContext.Default.WorkflowRunWire));
    }

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void A_known_value_prints_its_wire_value_and_equals_the_value_built_from_that_text(object known, string wire)
    {
        object built = Construct(known.GetType(), wire);

        Assert.Equal(wire, known.ToString());
        Assert.Equal(known, built);
        Assert.Equal(known.GetHashCode(), built.GetHashCode());
        Assert.NotEqual(known, Construct(known.GetType(), wire.ToLowerInvariant() == wire ? wire.ToUpperInvariant() : wire.ToLowerInvariant()));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_known_value_is_listed_and_the_known_values_differ(Type type)
    {
        var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type).Select(p => p.GetValue(null)!).ToList();
        var listed = KnownValues().Select(row => row[0]).Where(value => value.GetType() == type).ToList();

        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.Equal(declared.ToHashSet(), listed.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_null_or_empty_wire_value_is_refused_and_a_default_value_prints_empty(Type type)
    {
        Assert.IsType<ArgumentNullException>(Assert.Throws<TargetInvocationException>(() => Construct(type, null)).InnerException);
        Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => Construct(type, string.Empty)).InnerException);

        object empty = Activator.CreateInstance(type)!;
        Assert.Equal(string.Empty, empty.ToString());
        Assert.Equal(Activator.CreateInstance(type), empty);
        Assert.NotEqual(Construct(type, "x"), empty);
    }

    [Fact]
    public void Operators_and_the_conversion_from_text_compare_wire_values_ordinally()
    {
        Assert.True(FailureCallbackState.Failed == "CALLBACK_FAIL");
        Assert.True(FailureCallbackState.Failed != "callback_fail");
        Assert.False(FailureCallbackState.Failed != new FailureCallbackState("CALLBACK_FAIL"));
        Assert.True(WorkflowRunState.Failed == "RUN_FAILED");
        Assert.True(WorkflowRunState.Failed != "RUN_FAILED ");
        Assert.True(WorkflowStepState.InProgress == "STEP_PROGRESS");
        Assert.True(WorkflowStepState.InProgress != WorkflowStepState.Retrying);
        Assert.True(WorkflowStepType.Run == "Run");
        Assert.True(WorkflowStepType.Run != "run");
        Assert.True(WorkflowStepGroupKind.Next == "next");
        Assert.True(WorkflowStepGroupKind.Next != "Next");
        Assert.True(new WorkflowStepType(NewStepType) == NewStepType);
        Assert.Single(new HashSet<WorkflowStepType> { WorkflowStepType.Run, "Run", new WorkflowStepType("Run") });
    }

    [Fact]
    public void A_filter_takes_a_known_value_however_it_was_built_and_refuses_any_other_naming_the_known_ones()
    {
        Assert.Equal("failureFunctionState=CALLBACK_FAIL", ResumeFilter.Create().WithFailureCallbackState("CALLBACK_FAIL").ToString());
        Assert.Equal("state=RUN_FAILED", RunFilter.Create().InState(new WorkflowRunState("RUN_FAILED")).ToString());

        var callback = Assert.Throws<ArgumentOutOfRangeException>(() => ResumeFilter.Create().WithFailureCallbackState(NewCallbackState));
        var run = Assert.Throws<ArgumentOutOfRangeException>(() => RunFilter.Create().InState(NewRunState));

        Assert.Equal(("state", "state"), (callback.ParamName, run.ParamName));
        Assert.Contains($"'{NewCallbackState}' is not a FailureCallbackState this SDK knows; use one of CALLBACK_INPROGRESS, CALLBACK_SUCCESS, CALLBACK_FAIL, CALLBACK_CANCELED.", callback.Message, StringComparison.Ordinal);
        Assert.Contains("use one of RUN_STARTED, RUN_SUCCESS, RUN_FAILED, RUN_CANCELED.", run.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResumeFilter.Create().WithFailureCallbackState(default));
    }

    private static JsonObject ExampleBody(string example) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireExamples", example + ".json")))!["response"]!["body"]!.AsObject().DeepClone().AsObject();

    /// <summary>Reads the body as the SDK's wire type and writes it back with the SDK's converters.</summary>
    private static JsonObject WriteBack<T>(JsonObject body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.Serialize(JsonSerializer.Deserialize(body.ToJsonString(), typeInfo)!, typeInfo))!.AsObject();

    private static object Construct(Type type, string? wire) => type.GetConstructor([typeof(string)])!.Invoke([wire]);
}
