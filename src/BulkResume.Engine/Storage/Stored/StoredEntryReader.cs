using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Delivery;

namespace BulkResume.Engine.Storage.Stored;

/// <summary>
/// Reads the JSON text <see cref="StoredJson.Serialize(DlqEntry)"/> writes, by hand with a
/// <see cref="Utf8JsonReader"/>.
/// </summary>
/// <remarks>
/// Every page a SQL store takes parses its entries, and System.Text.Json's path for records with init-only properties
/// (each object built from an array of boxed arguments, each step and header map included) took 7.8 µs of an 844-byte
/// entry on the benchmark machine, about a third of what resuming it cost. Writing stays with the source-generated
/// serializer; the tests check that this reader gives back every field it writes.
/// </remarks>
internal static class StoredEntryReader
{
    /// <summary>The entry in <paramref name="json"/>.</summary>
    /// <exception cref="InvalidDataException">The text is JSON <c>null</c>, or misses a field every entry has.</exception>
    /// <exception cref="JsonException">The text is not JSON, or a field has the wrong type.</exception>
    public static DlqEntry Read(string json)
    {
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Read(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The entry in the UTF-8 JSON text <paramref name="utf8"/>.</summary>
    /// <exception cref="InvalidDataException">The text is JSON <c>null</c>, or misses a field every entry has.</exception>
    /// <exception cref="JsonException">The text is not JSON, or a field has the wrong type.</exception>
    public static DlqEntry Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            return reader.TokenType == JsonTokenType.Null
                ? throw new InvalidDataException("A DLQ entry is stored as JSON null.")
                : ReadEntry(ref reader);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or ArgumentException)
        {
            // A value of the wrong token type, date or enum name: what System.Text.Json reports as a JsonException.
            throw new JsonException("A stored DLQ entry has a field of the wrong type or format: " + exception.Message, exception);
        }
    }

    private static DlqEntry ReadEntry(ref Utf8JsonReader reader)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        string? dlqId = null, messageId = null, workflowRunId = null, workflowUrl = null, url = null, method = null;
        string? body = null, bodyBase64 = null, callerIp = null, flowControlKey = null, responseBody = null, responseBodyBase64 = null, failureCallback = null, retryDelay = null;
        DateTimeOffset? workflowCreatedAt = null, createdAt = null, notBefore = null;
        int maxRetries = 0, responseStatus = 0;
        int? parallelism = null, rate = null;
        TimeSpan? period = null;
        Dictionary<string, IReadOnlyList<string>>? header = null, responseHeader = null, failureCallbackHeader = null;
        string[]? labels = null;
        FailureCallbackRecord? failureCallbackInfo = null;
        List<StepRecord>? steps = null;
        DeliveredRun? delivered = null;
        while (NextProperty(ref reader))
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("DlqId"u8)) { dlqId = reader.GetString(); }
            else if (name.SequenceEqual("MessageId"u8)) { messageId = reader.GetString(); }
            else if (name.SequenceEqual("WorkflowRunId"u8)) { workflowRunId = reader.GetString(); }
            else if (name.SequenceEqual("WorkflowUrl"u8)) { workflowUrl = reader.GetString(); }
            else if (name.SequenceEqual("WorkflowCreatedAt"u8)) { workflowCreatedAt = reader.GetDateTimeOffset(); }
            else if (name.SequenceEqual("CreatedAt"u8)) { createdAt = reader.GetDateTimeOffset(); }
            else if (name.SequenceEqual("NotBefore"u8)) { notBefore = NullOr(ref reader) ? null : reader.GetDateTimeOffset(); }
            else if (name.SequenceEqual("Url"u8)) { url = reader.GetString(); }
            else if (name.SequenceEqual("Method"u8)) { method = reader.GetString(); }
            else if (name.SequenceEqual("Header"u8)) { header = ReadHeaders(ref reader); }
            else if (name.SequenceEqual("Body"u8)) { body = reader.GetString(); }
            else if (name.SequenceEqual("BodyBase64"u8)) { bodyBase64 = reader.GetString(); }
            else if (name.SequenceEqual("MaxRetries"u8)) { maxRetries = reader.GetInt32(); }
            else if (name.SequenceEqual("CallerIp"u8)) { callerIp = reader.GetString(); }
            else if (name.SequenceEqual("Labels"u8)) { labels = ReadStrings(ref reader); }
            else if (name.SequenceEqual("FlowControlKey"u8)) { flowControlKey = reader.GetString(); }
            else if (name.SequenceEqual("Parallelism"u8)) { parallelism = NullOr(ref reader) ? null : reader.GetInt32(); }
            else if (name.SequenceEqual("Rate"u8)) { rate = NullOr(ref reader) ? null : reader.GetInt32(); }
            else if (name.SequenceEqual("Period"u8)) { period = NullOr(ref reader) ? null : TimeSpan.ParseExact(reader.GetString()!, "c", CultureInfo.InvariantCulture); }
            else if (name.SequenceEqual("ResponseStatus"u8)) { responseStatus = reader.GetInt32(); }
            else if (name.SequenceEqual("ResponseHeader"u8)) { responseHeader = ReadHeaders(ref reader); }
            else if (name.SequenceEqual("ResponseBody"u8)) { responseBody = reader.GetString(); }
            else if (name.SequenceEqual("ResponseBodyBase64"u8)) { responseBodyBase64 = reader.GetString(); }
            else if (name.SequenceEqual("FailureCallback"u8)) { failureCallback = reader.GetString(); }
            else if (name.SequenceEqual("FailureCallbackInfo"u8)) { failureCallbackInfo = NullOr(ref reader) ? null : ReadCallbackInfo(ref reader); }
            else if (name.SequenceEqual("FailureCallbackHeader"u8)) { failureCallbackHeader = ReadHeaders(ref reader); }
            else if (name.SequenceEqual("RetryDelay"u8)) { retryDelay = reader.GetString(); }
            else if (name.SequenceEqual("Steps"u8)) { steps = ReadSteps(ref reader); }
            else if (name.SequenceEqual("Delivered"u8)) { delivered = JsonSerializer.Deserialize(ref reader, StoredJsonContext.Default.DeliveredRun); }
            else { reader.Skip(); }
        }

        return new DlqEntry
        {
            DlqId = Required(dlqId, "DlqId"),
            MessageId = Required(messageId, "MessageId"),
            WorkflowRunId = Required(workflowRunId, "WorkflowRunId"),
            WorkflowUrl = Required(workflowUrl, "WorkflowUrl"),
            WorkflowCreatedAt = RequiredValue(workflowCreatedAt, "WorkflowCreatedAt"),
            CreatedAt = RequiredValue(createdAt, "CreatedAt"),
            NotBefore = notBefore,
            Url = Required(url, "Url"),
            Method = method ?? "POST",
            Header = header!,
            Body = body,
            BodyBase64 = bodyBase64,
            MaxRetries = maxRetries,
            CallerIp = callerIp,
            Labels = labels!,
            FlowControlKey = flowControlKey,
            Parallelism = parallelism,
            Rate = rate,
            Period = period,
            ResponseStatus = responseStatus,
            ResponseHeader = responseHeader!,
            ResponseBody = responseBody,
            ResponseBodyBase64 = responseBodyBase64,
            FailureCallback = failureCallback,
            FailureCallbackInfo = failureCallbackInfo,
            FailureCallbackHeader = failureCallbackHeader!,
            RetryDelay = retryDelay,
            Steps = steps!,
            Delivered = delivered,
        };
    }

    private static FailureCallbackRecord ReadCallbackInfo(ref Utf8JsonReader reader)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        CallbackState? state = null;
        int? responseStatus = null;
        string? responseBody = null;
        Dictionary<string, IReadOnlyList<string>>? responseHeaders = null;
        while (NextProperty(ref reader))
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("State"u8)) { state = StoredNames.CallbackState.Read(ref reader); }
            else if (name.SequenceEqual("ResponseStatus"u8)) { responseStatus = NullOr(ref reader) ? null : reader.GetInt32(); }
            else if (name.SequenceEqual("ResponseBody"u8)) { responseBody = reader.GetString(); }
            else if (name.SequenceEqual("ResponseHeaders"u8)) { responseHeaders = ReadHeaders(ref reader); }
            else { reader.Skip(); }
        }

        return new FailureCallbackRecord
        {
            State = RequiredValue(state, "FailureCallbackInfo.State"),
            ResponseStatus = responseStatus,
            ResponseBody = responseBody,
            ResponseHeaders = responseHeaders!,
        };
    }

    private static List<StepRecord>? ReadSteps(ref Utf8JsonReader reader)
    {
        if (NullOr(ref reader))
        {
            return null;
        }

        ExpectStart(ref reader, JsonTokenType.StartArray);
        var steps = new List<StepRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            steps.Add(ReadStep(ref reader));
        }

        return steps;
    }

    private static StepRecord ReadStep(ref Utf8JsonReader reader)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        long? stepId = null;
        string? stepName = null, output = null, messageId = null, callType = null;
        StepDetails? details = null;
        StepType? stepType = null;
        StepState? state = null;
        DateTimeOffset? createdAt = null;
        int concurrent = 1;
        int? retries = null;
        while (NextProperty(ref reader))
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("StepId"u8)) { stepId = reader.GetInt64(); }
            else if (name.SequenceEqual("StepName"u8)) { stepName = reader.GetString(); }
            else if (name.SequenceEqual("StepType"u8)) { stepType = StoredNames.StepType.Read(ref reader); }
            else if (name.SequenceEqual("Out"u8)) { output = reader.GetString(); }
            else if (name.SequenceEqual("Concurrent"u8)) { concurrent = reader.GetInt32(); }
            else if (name.SequenceEqual("State"u8)) { state = StoredNames.StepState.Read(ref reader); }
            else if (name.SequenceEqual("CreatedAt"u8)) { createdAt = reader.GetDateTimeOffset(); }
            else if (name.SequenceEqual("MessageId"u8)) { messageId = reader.GetString(); }
            else if (name.SequenceEqual("CallType"u8)) { callType = reader.GetString(); }
            else if (name.SequenceEqual("Retries"u8)) { retries = NullOr(ref reader) ? null : reader.GetInt32(); }
            else if (name.SequenceEqual("Details"u8)) { details = NullOr(ref reader) ? null : ReadDetails(ref reader); }
            else { reader.Skip(); }
        }

        return new StepRecord
        {
            StepId = RequiredValue(stepId, "Steps[].StepId"),
            StepName = Required(stepName, "Steps[].StepName"),
            StepType = RequiredValue(stepType, "Steps[].StepType"),
            Out = output,
            Concurrent = concurrent,
            State = RequiredValue(state, "Steps[].State"),
            CreatedAt = RequiredValue(createdAt, "Steps[].CreatedAt"),
            MessageId = messageId,
            CallType = callType,
            Retries = retries,
            Details = details,
        };
    }

    /// <summary>A step's rare fields, read by System.Text.Json: few steps have them, so speed does not matter here.</summary>
    private static StepDetails ReadDetails(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, StoredJsonContext.Default.StepDetails)
        ?? throw new JsonException("A stored step has JSON null details.");

    private static Dictionary<string, IReadOnlyList<string>>? ReadHeaders(ref Utf8JsonReader reader)
    {
        if (NullOr(ref reader))
        {
            return null;
        }

        ExpectStart(ref reader, JsonTokenType.StartObject);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            string name = reader.GetString()!;
            reader.Read();
            headers[name] = ReadStrings(ref reader) ?? [];
        }

        return headers;
    }

    private static string[]? ReadStrings(ref Utf8JsonReader reader)
    {
        if (NullOr(ref reader))
        {
            return null;
        }

        ExpectStart(ref reader, JsonTokenType.StartArray);
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [];
        }

        // Most header values and label lists hold one string: no list for them.
        string first = reader.GetString()!;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [first];
        }

        var values = new List<string> { first, reader.GetString()! };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetString()!);
        }

        return values.ToArray();
    }

    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static bool NullOr(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    private static void ExpectStart(ref Utf8JsonReader reader, JsonTokenType start)
    {
        if (reader.TokenType != start)
        {
            throw new JsonException($"A stored DLQ entry has {reader.TokenType} where {start} was expected.");
        }
    }

    private static T Required<T>(T? value, string name)
        where T : class =>
        value ?? throw Missing(name);

    private static T RequiredValue<T>(T? value, string name)
        where T : struct =>
        value ?? throw Missing(name);

    private static InvalidDataException Missing(string name) => new($"A stored DLQ entry has no {name}; every entry has one.");
}
