using System.Collections;
using System.Reflection;
using System.Text.Json;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Storage.Stored;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Storage;

/// <summary>
/// The hand-written reader behind <see cref="StoredJson.DeserializeEntry"/> must give back exactly what the
/// source-generated serializer wrote, for every field the model has, and agree with System.Text.Json.
/// </summary>
public sealed class StoredEntryReaderTests
{
    private static readonly DateTimeOffset T = Seed.T0;

    /// <summary>An entry whose every property, and every property of its steps and callback, differs from its default.</summary>
    private static readonly DlqEntry Everything = new()
    {
        DlqId = "dlq-every",
        MessageId = "msg_every",
        WorkflowRunId = "wfr_every",
        WorkflowUrl = "https://example.com/api/every",
        WorkflowCreatedAt = T.AddHours(-1),
        CreatedAt = T,
        NotBefore = new DateTimeOffset(2025, 7, 18, 11, 0, 0, TimeSpan.FromHours(2)),
        Url = "https://example.com/api/every?step=2",
        Method = "PUT",
        Header = new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["application/json"], ["X-Two"] = ["a", "b \"quoted\" ü"] },
        Body = "{\"input\":\"ä\\n\"}",
        BodyBase64 = "AAEC",
        MaxRetries = 5,
        CallerIp = "2001:db8::1",
        Labels = ["billing", "eu"],
        FlowControlKey = "tenant-a",
        Parallelism = 3,
        Rate = 10,
        Period = TimeSpan.FromSeconds(90),
        ResponseStatus = 503,
        ResponseHeader = new Dictionary<string, IReadOnlyList<string>> { ["Retry-After"] = ["30"] },
        ResponseBody = "Service Unavailable",
        ResponseBodyBase64 = "/w==",
        FailureCallback = "https://example.com/failure",
        FailureCallbackInfo = new FailureCallbackRecord
        {
            State = CallbackState.Fail,
            ResponseStatus = 500,
            ResponseBody = "callback failed",
            ResponseHeaders = new Dictionary<string, IReadOnlyList<string>> { ["X-Callback"] = ["1"] },
        },
        FailureCallbackHeader = new Dictionary<string, IReadOnlyList<string>> { ["Authorization-Hint"] = ["callback"] },
        RetryDelay = "pow(2, retried) * 1000",
        Delivered = new BulkResume.Engine.Delivery.DeliveredRun
        {
            History = [new("msg_init", "e30=", "step"), new("msg_1", "+/8=", "step")],
            ForwardHeaders = new Dictionary<string, string> { ["Upstash-Workflow-Sdk-Version"] = "1" },
            FailureCallbackHeaders = new Dictionary<string, string> { ["forward-upstash-workflow-is-failure"] = "true" },
            ContentType = "application/json",
        },
        Steps =
        [
            new StepRecord
            {
                StepId = 7, StepName = "charge", StepType = StepType.Call, Out = "\"ok\"", Concurrent = 4, State = StepState.Retry, CreatedAt = T.AddMinutes(-3),
                MessageId = "msg_step_7", CallType = "step", Retries = 4,
                Details = new StepDetails
                {
                    NextDeliveryTime = T.AddMinutes(1),
                    CallUrl = "https://bank.example.com/charge",
                    CallMethod = "POST",
                    CallBody = "{\"amount\":1}",
                    CallHeaders = new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["application/json"] },
                    CallResponseStatus = 503,
                    CallResponseBody = "busy",
                    CallResponseHeaders = new Dictionary<string, IReadOnlyList<string>> { ["Retry-After"] = ["5"] },
                    WaitEventId = "payment-confirmed",
                    WaitTimeout = true,
                    InvokedWorkflowRunId = "wfr_child",
                    InvokedWorkflowUrl = "https://example.com/api/child",
                },
            },
        ],
    };

    [Fact]
    public void Every_field_of_an_entry_its_steps_and_its_callback_is_read_back()
    {
        // A property added to the model without being taught to the reader fails here first.
        AssertEveryPropertySet(Everything);
        AssertEveryPropertySet(Everything.FailureCallbackInfo!);
        AssertEveryPropertySet(Everything.Steps[0]);
        AssertEveryPropertySet(Everything.Steps[0].Details!);
        AssertEveryPropertySet(Everything.Delivered!);

        DlqEntry read = StoredJson.DeserializeEntry(StoredJson.Serialize(Everything));

        Assert.Equal(Everything, read);
        Assert.Equal(Everything.NotBefore?.Offset, read.NotBefore?.Offset);
        Assert.Equal(["a", "b \"quoted\" ü"], read.Header["x-two"]);
    }

    [Fact]
    public void An_entry_with_only_the_fields_every_entry_has_is_read_back_with_the_defaults()
    {
        var minimal = new DlqEntry
        {
            DlqId = "dlq-min",
            MessageId = "msg_min",
            WorkflowRunId = "wfr_min",
            WorkflowUrl = "https://example.com/api/min",
            WorkflowCreatedAt = T,
            CreatedAt = T,
            Url = "https://example.com/api/min",
        };

        DlqEntry read = StoredJson.DeserializeEntry(StoredJson.Serialize(minimal));

        Assert.Equal(minimal, read);
        Assert.Equal("POST", read.Method);
        Assert.Empty(read.Header);
        Assert.Empty(read.Labels);
        Assert.Empty(read.Steps);
        Assert.Null(read.FailureCallbackInfo);
    }

    [Fact]
    public void The_reader_agrees_with_System_Text_Json_on_varied_entries()
    {
        CallbackState[] states = Enum.GetValues<CallbackState>();
        IReadOnlyList<DlqEntry> entries = FailedRuns.Many(200, i =>
        {
            FailedRun run = FailedRun.For($"https://example.com/api/w{i % 7}").FailedAt(T.AddSeconds(i)).FailedAtStep(1 + (i % 5), 5 + (i % 3));
            run = i % 2 == 0 ? run.WithLabels($"l{i % 4}", "shared") : run.WithCallerIp($"10.0.0.{i % 250}");
            run = i % 3 == 0 ? run.WithFlowControlKey($"k{i}", parallelism: i % 4, rate: i % 9, period: TimeSpan.FromMilliseconds(i * 37)) : run;
            run = i % 5 == 0 ? run.WithFailureCallback("https://example.com/cb", states[i % states.Length]) : run;
            return run.WithBody(i % 11 == 0 ? null : $"{{\"n\":{i},\"s\":\"\\u00e9\\t\"}}").WithResponseStatus(400 + (i % 100), i % 2 == 0 ? "bad" : null).WithMaxRetries(i % 6);
        });

        foreach (DlqEntry entry in entries)
        {
            string json = StoredJson.Serialize(entry);
            DlqEntry bySystemTextJson = JsonSerializer.Deserialize(json, StoredJsonContext.Default.DlqEntry)!;

            DlqEntry byReader = StoredJson.DeserializeEntry(json);

            Assert.Equal(entry, byReader);
            Assert.Equal(bySystemTextJson, byReader);
            Assert.Equal(entry, StoredJson.DeserializeEntry(System.Text.Encoding.UTF8.GetBytes(json)));
        }
    }

    [Fact]
    public void Fields_a_newer_version_wrote_are_skipped()
    {
        string json = StoredJson.Serialize(Everything);
        string newer = string.Concat("{\"Future\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"Later\":[[]],", json.AsSpan(1));

        Assert.Equal(Everything, StoredJson.DeserializeEntry(newer));
    }

    [Fact]
    public void An_enum_name_written_with_escapes_is_read_like_the_plain_name()
    {
        string json = StoredJson.Serialize(Everything).Replace("\"StepRetry\"", "\"\\u0053tepRetry\"", StringComparison.Ordinal);
        Assert.Contains("\\u0053tepRetry", json);

        Assert.Equal(StepState.Retry, StoredJson.DeserializeEntry(json).Steps[0].State);
    }

    [Theory]
    [InlineData("null", "JSON null")]
    [InlineData("{\"MessageId\":\"m\",\"WorkflowRunId\":\"w\",\"WorkflowUrl\":\"u\",\"WorkflowCreatedAt\":\"2025-07-18T09:00:00+00:00\",\"CreatedAt\":\"2025-07-18T09:00:00+00:00\",\"Url\":\"u\"}", "no DlqId")]
    [InlineData("{\"DlqId\":\"d\",\"MessageId\":\"m\",\"WorkflowRunId\":\"w\",\"WorkflowUrl\":\"u\",\"CreatedAt\":\"2025-07-18T09:00:00+00:00\",\"Url\":\"u\"}", "no WorkflowCreatedAt")]
    [InlineData("{\"DlqId\":\"d\",\"MessageId\":\"m\",\"WorkflowRunId\":\"w\",\"WorkflowUrl\":\"u\",\"WorkflowCreatedAt\":\"2025-07-18T09:00:00+00:00\",\"CreatedAt\":\"2025-07-18T09:00:00+00:00\",\"Url\":\"u\",\"Steps\":[{\"StepId\":1}]}", "no Steps[].StepName")]
    public void A_document_that_is_not_an_entry_fails_naming_what_is_missing(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => StoredJson.DeserializeEntry(json));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"DlqId\":7}")]
    [InlineData("{\"DlqId\":\"d\",")]
    [InlineData("{\"CreatedAt\":\"yesterday\"}")]
    [InlineData("{\"Steps\":[{\"StepType\":\"Nope\"}]}")]
    public void Text_that_is_not_an_entry_at_all_is_a_json_error(string json) =>
        Assert.ThrowsAny<JsonException>(() => StoredJson.DeserializeEntry(json));

    private static void AssertEveryPropertySet(object value)
    {
        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? actual = property.GetValue(value);
            object? empty = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            Assert.False(Equals(actual, empty), $"{property.Name} has its default value");
            Assert.False(actual is IEnumerable items && !items.GetEnumerator().MoveNext(), $"{property.Name} is empty");
        }
    }
}
