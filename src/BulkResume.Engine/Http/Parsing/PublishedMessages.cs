using System.Globalization;
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

    /// <summary>The entries of a batch body.</summary>
    public static IReadOnlyList<PublishedMessage> ParseBatch(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw DlqEngineException.BadRequest("body", $"The body of POST /v2/batch must be a JSON array of messages ({{\"destination\",\"headers\",\"body\"}}); it is not JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                throw DlqEngineException.BadRequest("body", "The body of POST /v2/batch must be a JSON array of at least one message ({\"destination\",\"headers\",\"body\"}).");
            }

            var messages = new List<PublishedMessage>();
            int index = 0;
            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                messages.Add(ParseEntry(entry, $"[{index}]"));
                index++;
            }

            return messages;
        }
    }

    /// <summary>The message of <c>POST /v2/publish/{destination}</c>: its headers and body as sent.</summary>
    public static PublishedMessage ParsePublish(DlqApiRequest request, string destination)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, IReadOnlyList<string> values) in request.Headers)
        {
            headers[name] = string.Join(',', values);
        }

        return Read(destination, headers, request.Body.ToArray(), "destination", "headers.");
    }

    private static PublishedMessage ParseEntry(JsonElement entry, string at)
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

        return Read(destination, headers, body, $"{at}.destination", $"{at}.headers.");
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
        if (callType != "step")
        {
            throw new UnsupportedFeatureException(callType == "toCallback"
                ? "context.call is not supported by this BulkResume emulator yet: it does not call third-party URLs for a workflow."
                : $"Messages of call type '{callType}' are not supported by the BulkResume emulator; it takes workflow steps (upstash-workflow-calltype: step).");
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

        var forward = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var failureCallback = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            if (name.StartsWith(ForwardPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > ForwardPrefix.Length)
            {
                forward[name[ForwardPrefix.Length..]] = value;
            }
            else if (name.StartsWith(FailureCallbackPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > FailureCallbackPrefix.Length)
            {
                failureCallback[name[FailureCallbackPrefix.Length..]] = value;
            }
        }

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
        if (isInit)
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
        };
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
