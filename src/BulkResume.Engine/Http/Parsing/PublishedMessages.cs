using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http.Endpoints;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads what the SDK publishes: the entries of <c>POST /v2/batch</c> (<c>[{"destination","headers","body"}]</c>, a body a
/// string or any JSON value) and the request of <c>POST /v2/publish/{url}</c>.
/// </summary>
/// <remarks>
/// Header names are case-insensitive; every problem is a 400 naming the field or header, and a feature the emulator lacks
/// is a 412 naming it.
/// </remarks>
internal static class PublishedMessages
{
    private const string ForwardPrefix = "upstash-forward-";
    private const string FailureCallbackPrefix = "upstash-failure-callback-";
    private const string CallbackHeader = "upstash-callback";

    /// <summary>The SDK's nanoid alphabet, for the run id of a trigger that names none.</summary>
    private const string RunIdAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

    /// <summary>The entries of a batch body: the SDK's messages, or (<paramref name="trigger"/>) the runs of <c>POST /v2/batch/trigger</c>.</summary>
    public static IReadOnlyList<PublishedMessage> ParseBatch(ReadOnlyMemory<byte> body, bool trigger = false)
    {
        string path = trigger ? "/v2/batch/trigger" : "/v2/batch";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw DlqEngineException.BadRequest("body", $"The body of POST {path} must be a JSON array of messages ({{\"destination\",\"headers\",\"body\"}}); it is not JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                throw DlqEngineException.BadRequest("body", $"The body of POST {path} must be a JSON array of at least one message ({{\"destination\",\"headers\",\"body\"}}).");
            }

            var messages = new List<PublishedMessage>();
            int index = 0;
            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                messages.Add(ParseEntry(entry, $"[{index}]", trigger));
                index++;
            }

            return messages;
        }
    }

    /// <summary>The message of <c>POST /v2/publish/{destination}</c>: its headers and body as sent.</summary>
    public static PublishedMessage ParsePublish(DlqApiRequest request, string destination) =>
        Read(destination, Joined(request), request.Body.ToArray(), "destination", "headers.");

    private static PublishedMessage ParseEntry(JsonElement entry, string at, bool trigger)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw DlqEngineException.BadRequest(at, $"Message {at} of the batch must be a JSON object ({{\"destination\",\"headers\",\"body\"}}).");
        }

        string? destination = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[] body = [];
        foreach (JsonProperty property in entry.EnumerateObject())
        {
            switch (property.Name)
            {
                case "destination" when property.Value.ValueKind == JsonValueKind.String:
                    destination = property.Value.GetString();
                    break;
                case "headers" when property.Value.ValueKind == JsonValueKind.Object:
                    foreach (JsonProperty header in property.Value.EnumerateObject())
                    {
                        headers[header.Name] = header.Value.ValueKind switch
                        {
                            JsonValueKind.String => header.Value.GetString()!,
                            JsonValueKind.Array when header.Value.EnumerateArray().All(value => value.ValueKind == JsonValueKind.String) =>
                                string.Join(',', header.Value.EnumerateArray().Select(value => value.GetString())),
                            _ => throw DlqEngineException.BadRequest($"{at}.headers.{header.Name}", $"Header {header.Name} of message {at} must be a string (or an array of strings)."),
                        };
                    }

                    break;
                case "body":
                    // A string is sent as it is; any other JSON value (context.call with an object body) as its JSON text.
                    body = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => Encoding.UTF8.GetBytes(property.Value.GetString()!),
                        JsonValueKind.Null => [],
                        _ => Encoding.UTF8.GetBytes(property.Value.GetRawText()),
                    };
                    break;
                case "destination" or "headers":
                    throw DlqEngineException.BadRequest($"{at}.{property.Name}", $"{property.Name} of message {at} must be a {(property.Name == "destination" ? "string (the workflow URL)" : "JSON object of header names to values")}.");
                default:
                    throw DlqEngineException.BadRequest($"{at}.{property.Name}", $"{property.Name} is not a field of a batch message ({at}); a message has destination, headers and body.");
            }
        }

        if (destination is null)
        {
            throw DlqEngineException.BadRequest($"{at}.destination", $"Message {at} has no destination; give the workflow URL.");
        }

        return Read(destination, trigger ? AsTrigger(headers) : headers, body, $"{at}.destination", $"{at}.headers.");
    }

    /// <summary>
    /// The run <c>POST /v2/trigger/{workflowUrl}</c> starts: the destination, the request's settings headers
    /// (<c>Upstash-Workflow-RunId</c>, retries, delays, labels, flow control, failure callback, <c>Upstash-Forward-*</c>) and its body.
    /// </summary>
    public static PublishedMessage ParseTrigger(DlqApiRequest request, string destination) =>
        Read(destination, AsTrigger(Joined(request)), request.Body.ToArray(), "workflowUrl", "headers.");

    /// <summary>A request's headers, the values of a repeated name joined with commas.</summary>
    private static Dictionary<string, string> Joined(DlqApiRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, IReadOnlyList<string> values) in request.Headers)
        {
            headers[name] = string.Join(',', values);
        }

        return headers;
    }

    /// <summary>
    /// A REST trigger's headers as the init message the SDK would publish for it: the run id given or a new one, and
    /// protocol version 1 forwarded to every delivery, so the endpoint runs it as an SDK-triggered run (no unknown-SDK hop).
    /// </summary>
    private static Dictionary<string, string> AsTrigger(Dictionary<string, string> headers)
    {
        headers["upstash-workflow-runid"] = Header(headers, "upstash-workflow-runid") ?? "wfr_" + RandomNumberGenerator.GetString(RunIdAlphabet, 21);
        headers["upstash-workflow-init"] = "true";
        headers["upstash-workflow-calltype"] = "step";
        headers["upstash-forward-upstash-workflow-sdk-version"] = "1";
        return headers;
    }

    private static PublishedMessage Read(string destination, Dictionary<string, string> headers, byte[] body, string destinationField, string headerField)
    {
        if (!Uri.TryCreate(destination, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || TextChecks.KeyProblem(destination, ValueLimits.MaxWorkflowUrlLength) is not null)
        {
            throw DlqEngineException.BadRequest(destinationField, $"The destination must be an absolute http or https URL (the workflow endpoint); got '{TextChecks.Shorten(destination)}'.");
        }

        if (headers.ContainsKey("upstash-workflow-invoke"))
        {
            throw new UnsupportedFeatureException("context.invoke is not supported by the BulkResume emulator: it does not start workflows from other workflows.");
        }

        string callType = Header(headers, "upstash-workflow-calltype") ?? "step";
        if (callType is not ("step" or "toCallback"))
        {
            throw new UnsupportedFeatureException(
                $"Messages of call type '{callType}' are not supported by the BulkResume emulator; it takes workflow steps (upstash-workflow-calltype: step) and context.call (toCallback).");
        }

        string runId = Header(headers, "upstash-workflow-runid")
            ?? throw DlqEngineException.BadRequest(headerField + "upstash-workflow-runid", "A message without upstash-workflow-runid is not a workflow message; the emulator only runs workflows. Send it through the workflow SDK.");
        if (TextChecks.KeyProblem(runId, ValueLimits.MaxIdLength) is { } runIdProblem)
        {
            throw DlqEngineException.BadRequest(headerField + "upstash-workflow-runid", "upstash-workflow-runid " + runIdProblem);
        }

        bool isInit = Header(headers, "upstash-workflow-init") switch
        {
            null or "false" => false,
            "true" => true,
            string other => throw DlqEngineException.BadRequest(headerField + "upstash-workflow-init", $"upstash-workflow-init must be true or false; got '{TextChecks.Shorten(other)}'."),
        };

        Dictionary<string, string> forward = Prefixed(headers, ForwardPrefix);
        Dictionary<string, string> failureCallback = Prefixed(headers, FailureCallbackPrefix);

        TimeSpan? delay = Header(headers, "upstash-delay") is { } delayText
            ? Duration.TryParse(delayText.Trim(), unitRequired: true, out TimeSpan wait) ? wait
                : throw DlqEngineException.BadRequest(headerField + "upstash-delay", $"upstash-delay must be <value><unit> with a whole value and unit s, m, h or d (10s, 5m); got '{TextChecks.Shorten(delayText)}'.")
            : null;
        DateTimeOffset? notBefore = Header(headers, "upstash-not-before") is { } notBeforeText
            ? long.TryParse(notBeforeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253402300799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : throw DlqEngineException.BadRequest(headerField + "upstash-not-before", $"upstash-not-before must be a Unix time in seconds; got '{TextChecks.Shorten(notBeforeText)}'.")
            : null;

        ResumeOverrides settings = ResumeOverrides.None;
        StepRecord? step = null;
        CallRequest? call = null;
        if (callType == "toCallback")
        {
            call = ReadCall(headers, headerField);
        }
        else if (isInit)
        {
            var asRequest = new DlqApiRequest("POST", "/v2/batch", headers: headers.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, [pair.Value])));
            settings = ResumeEndpoint.Overrides(asRequest);
            ResumeOverrideRules.Validate(settings);
        }
        else
        {
            step = ReadStep(body, headerField.Replace("headers.", "body", StringComparison.Ordinal));
        }

        return new PublishedMessage
        {
            Destination = destination,
            WorkflowRunId = runId,
            IsInit = isInit,
            Body = body,
            ForwardHeaders = forward,
            ContentType = Header(headers, "content-type"),
            Delay = delay,
            NotBefore = notBefore,
            Step = step,
            Settings = settings,
            FailureCallbackHeaders = failureCallback,
            CallType = callType,
            Call = call,
        };
    }

    /// <summary>
    /// A <c>context.call</c> message's request (notes §3.4): method, retries (0 unless given), retry delay, timeout, and
    /// the <c>upstash-callback</c> its answers go to with the <c>upstash-callback-*</c> headers.
    /// </summary>
    private static CallRequest ReadCall(Dictionary<string, string> headers, string headerField)
    {
        string callback = Header(headers, CallbackHeader)
            ?? throw DlqEngineException.BadRequest(headerField + CallbackHeader, "A context.call message (upstash-workflow-calltype: toCallback) must name upstash-callback, the workflow URL its answer is delivered to.");
        if (!Uri.TryCreate(callback, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw DlqEngineException.BadRequest(headerField + CallbackHeader, $"upstash-callback must be an absolute http or https URL (the workflow endpoint); got '{TextChecks.Shorten(callback)}'.");
        }

        int retries = 0;
        if (Header(headers, "upstash-retries") is { } retriesText
            && !int.TryParse(retriesText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out retries))
        {
            throw DlqEngineException.BadRequest(headerField + "upstash-retries", $"upstash-retries must be a whole number, 0 or more; got '{TextChecks.Shorten(retriesText)}'.");
        }

        string? retryDelay = Header(headers, "upstash-retry-delay");
        if (retryDelay is not null && RetryDelayExpression.TryParse(retryDelay, out string? delayProblem) is null)
        {
            throw DlqEngineException.BadRequest(headerField + "upstash-retry-delay", "upstash-retry-delay " + delayProblem);
        }

        long? timeout = null;
        if (Header(headers, "upstash-timeout") is { } timeoutText)
        {
            // The SDK writes a number of seconds or a duration (30, "30s").
            timeout = Duration.TryParse(timeoutText.Trim(), unitRequired: false, out TimeSpan wait) && wait > TimeSpan.Zero
                ? (long)Math.Ceiling(wait.TotalSeconds)
                : throw DlqEngineException.BadRequest(headerField + "upstash-timeout", $"upstash-timeout must be a positive number of seconds or a duration (30, 30s, 5m); got '{TextChecks.Shorten(timeoutText)}'.");
        }

        return new CallRequest(Header(headers, "upstash-method") ?? "POST", retries, retryDelay, timeout, new CallCallback(callback, Prefixed(headers, CallbackHeader + "-")));
    }

    /// <summary>The headers whose names start with <paramref name="prefix"/>, that prefix stripped.</summary>
    private static Dictionary<string, string> Prefixed(Dictionary<string, string> headers, string prefix)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
            {
                found[name[prefix.Length..]] = value;
            }
        }

        return found;
    }

    /// <summary>The step a step message's body describes (<c>{"stepId","stepName","stepType","out","concurrent"}</c>); <see langword="null"/> for a parallel plan (step id 0).</summary>
    private static StepRecord? ReadStep(byte[] body, string field)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("stepId", out JsonElement id) || !id.TryGetInt64(out long stepId)
                || !root.TryGetProperty("stepName", out JsonElement name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("stepType", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                throw StepProblem(field, "it has no stepId (a number), stepName and stepType (strings)");
            }

            if (!Enum.TryParse(type.GetString(), ignoreCase: false, out StepType stepType) || !Enum.IsDefined(stepType) || stepType == StepType.Initial)
            {
                throw StepProblem(field, $"stepType '{TextChecks.Shorten(type.GetString()!)}' is not a step type (Run, SleepFor, SleepUntil, Call, Wait, Notify, Invoke)");
            }

            if (stepId == 0)
            {
                return null;
            }

            return new StepRecord
            {
                StepId = stepId,
                StepName = name.GetString()!,
                StepType = stepType,
                Out = root.TryGetProperty("out", out JsonElement output) && output.ValueKind == JsonValueKind.String ? output.GetString() : null,
                Concurrent = root.TryGetProperty("concurrent", out JsonElement concurrent) && concurrent.TryGetInt32(out int count) && count > 0 ? count : 1,
                State = StepState.Success,
                CreatedAt = default,
                CallType = "step",
            };
        }
        catch (JsonException)
        {
            throw StepProblem(field, "it is not JSON");
        }
    }

    private static DlqEngineException StepProblem(string field, string problem) =>
        DlqEngineException.BadRequest(field, $"The body of a workflow step message must be the SDK's step JSON ({{\"stepId\",\"stepName\",\"stepType\",\"out\",\"concurrent\"}}); {problem}.");

    private static string? Header(Dictionary<string, string> headers, string name) => headers.TryGetValue(name, out string? value) ? value : null;
}
