using System.Globalization;
using System.Text.Json;
using BulkResume.Engine.Delivery;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads <c>POST /v2/wait/{eventId}</c> as the SDK sends it (notes §3.3): the run in <c>upstash-workflow-runid</c>, and
/// the body <c>{"url","timeout","timeoutUrl","timeoutHeaders","step"}</c>.
/// </summary>
internal static class WaitRequest
{
    private const string DefaultTimeout = "7d";

    /// <summary>The waiter the request asks for, its deadline counted from <paramref name="now"/>; its run's creation time is the store's to fill in.</summary>
    /// <exception cref="DlqEngineException">A field is missing or malformed (400, naming it).</exception>
    /// <exception cref="UnsupportedFeatureException">The step is a <c>waitForWebhook</c> (412).</exception>
    public static EventWaiter Parse(DlqApiRequest request, string eventId, DateTimeOffset now)
    {
        string runId = request.Headers.TryGetValue("upstash-workflow-runid", out IReadOnlyList<string>? ids) && ids is [{ Length: > 0 } id]
            ? id
            : throw DlqEngineException.BadRequest("upstash-workflow-runid", "POST /v2/wait needs the waiting run in upstash-workflow-runid; send it through the workflow SDK (context.waitForEvent).");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException exception)
        {
            throw Refuse("body", $"it is not JSON: {exception.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refuse("body", "it is not a JSON object");
            }

            string? url = null;
            string timeout = DefaultTimeout;
            string? timeoutUrl = null;
            string? timeoutBody = null;
            IReadOnlyDictionary<string, IReadOnlyList<string>> timeoutHeaders = new Dictionary<string, IReadOnlyList<string>>();
            string? step = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                JsonElement value = property.Value;
                switch (property.Name)
                {
                    case "url":
                        url = Url(value, "url");
                        break;
                    case "timeoutUrl":
                        timeoutUrl = Url(value, "timeoutUrl");
                        break;
                    case "timeout":
                        // The SDK turns a number into "<n>s"; a bare number is taken as seconds too.
                        timeout = value.ValueKind switch
                        {
                            JsonValueKind.String => value.GetString()!,
                            JsonValueKind.Number when value.TryGetInt64(out long seconds) => seconds.ToString(CultureInfo.InvariantCulture) + "s",
                            _ => throw Refuse("timeout", "timeout is not a duration (\"60s\", \"7d\") or a whole number of seconds"),
                        };
                        break;
                    case "timeoutBody":
                        timeoutBody = value.ValueKind switch
                        {
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw Refuse("timeoutBody", "timeoutBody is not a string"),
                        };
                        break;
                    case "timeoutHeaders":
                        timeoutHeaders = Headers(value);
                        break;
                    case "step":
                        step = Step(value);
                        break;
                    default:
                        throw Refuse(property.Name, $"{property.Name} is not one of its fields (url, timeout, timeoutUrl, timeoutBody, timeoutHeaders, step)");
                }
            }

            if (url is null || step is null)
            {
                throw Refuse(url is null ? "url" : "step", $"it has no {(url is null ? "url (the workflow URL)" : "step (the wait step)")}");
            }

            if (!Duration.TryParse(timeout.Trim(), unitRequired: false, out TimeSpan wait) || wait > TimeSpan.FromDays(3650))
            {
                throw Refuse("timeout", $"timeout '{TextChecks.Shorten(timeout)}' is not a duration of at most ten years (<whole number><s|m|h|d>, such as 60s or 7d)");
            }

            return new EventWaiter
            {
                EventId = eventId,
                WorkflowRunId = runId,
                WorkflowCreatedAt = 0,
                Step = step,
                Timeout = timeout,
                Waiter = new WaiterBody
                {
                    Url = url,
                    Headers = request.Headers
                        .Where(header => header.Key.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase))
                        .ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase),
                    Deadline = (now + wait).ToUnixTimeSeconds(),
                    TimeoutBody = timeoutBody,
                    TimeoutUrl = timeoutUrl ?? url,
                    TimeoutHeaders = timeoutHeaders,
                },
            };
        }
    }

    private static string Url(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? value.GetString()!
            : throw Refuse(field, $"{field} is not an absolute http or https URL");

    private static Dictionary<string, IReadOnlyList<string>> Headers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Refuse("timeoutHeaders", "timeoutHeaders is not an object of header names to values");
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty header in value.EnumerateObject())
        {
            headers[header.Name] = header.Value.ValueKind switch
            {
                JsonValueKind.String => [header.Value.GetString()!],
                JsonValueKind.Array when header.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
                    header.Value.EnumerateArray().Select(item => item.GetString()!).ToArray(),
                _ => throw Refuse("timeoutHeaders." + header.Name, $"timeoutHeaders.{header.Name} is not a string or an array of strings"),
            };
        }

        return headers;
    }

    /// <summary>The wait step as JSON text, checked: a step id, name and type <c>Wait</c>.</summary>
    private static string Step(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("stepId", out JsonElement id) || !id.TryGetInt64(out _)
            || !value.TryGetProperty("stepName", out JsonElement name) || name.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("stepType", out JsonElement type) || type.ValueKind != JsonValueKind.String)
        {
            throw Refuse("step", "step has no stepId (a number), stepName and stepType (strings)");
        }

        return type.GetString() switch
        {
            "Wait" => value.GetRawText(),
            "WaitForWebhook" => throw new UnsupportedFeatureException(
                "context.waitForWebhook is not supported by the BulkResume emulator: it does not receive webhooks (/v2/workflows/hooks)."),
            var other => throw Refuse("step.stepType", $"step.stepType '{TextChecks.Shorten(other ?? string.Empty)}' is not Wait"),
        };
    }

    private static DlqEngineException Refuse(string field, string problem) =>
        DlqEngineException.BadRequest(field, $"The body of POST /v2/wait/{{eventId}} must be the SDK's wait request ({{\"url\",\"timeout\",\"timeoutUrl\",\"timeoutHeaders\",\"step\"}}); {problem}.");
}
