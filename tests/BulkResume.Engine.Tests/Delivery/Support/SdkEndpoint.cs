using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BulkResume.Engine.Tests.Delivery.Support;

/// <summary>
/// A workflow endpoint on loopback that speaks the protocol as the @upstash/workflow 1.3.3 SDK does (notes §2–§4): it
/// replays the delivered steps, runs the first one beyond them, publishes its result through <c>POST /v2/batch</c>, finishes
/// with <c>DELETE …?cancel=false</c>, answers failures 500/489/429, and records every delivery it receives.
/// </summary>
/// <remarks>A test double of the SDK, not of the service: the service side is the real engine.</remarks>
internal sealed class SdkEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _token;
    private readonly Task _serving;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private int _inFlight;
    private int _maxInFlight;

    public SdkEndpoint(HttpClient service, string token, params string[] steps)
    {
        Service = service;
        _token = token;
        Steps = steps;
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}/api/wf";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The service the endpoint publishes to (a test may move it to a new server on the same store).</summary>
    public HttpClient Service { get; set; }

    /// <summary>The workflow URL.</summary>
    public string Url { get; }

    /// <summary>The step names the code runs, in order.</summary>
    public string[] Steps { get; set; }

    /// <summary>What a step's function does: return its output, or throw.</summary>
    public Func<string, int, object?> Run { get; set; } = (name, retried) => "out-" + name;

    /// <summary>An answer that replaces the SDK's for one delivery (an injected 489 or 429), or <see langword="null"/>.</summary>
    public Func<ReceivedDelivery, (int Status, Dictionary<string, string> Headers)?> Override { get; set; } = _ => null;

    /// <summary>How long each delivery takes before it is answered (to measure what is in flight).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>While set, each delivery waits for it; completed with <see langword="false"/>, a held delivery is dropped unanswered.</summary>
    public TaskCompletionSource<bool>? Hold { get; set; }

    /// <summary>Which deliveries <see cref="Hold"/> holds; all by default.</summary>
    public Func<ReceivedDelivery, bool> HoldIf { get; set; } = _ => true;

    public IReadOnlyList<ReceivedDelivery> Received => _received.ToArray();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<ReceivedDelivery> StepDeliveries => Received.Where(delivery => !delivery.IsFailureCall).ToArray();

    public IReadOnlyList<ReceivedDelivery> FailureCalls => Received.Where(delivery => delivery.IsFailureCall).ToArray();

    /// <summary>Triggers a run as <c>client.trigger()</c> does: one init message through <c>/v2/batch</c>.</summary>
    public async Task<string> TriggerAsync(string runId, string body, int? retries = null, string? retryDelay = "0", string? flowControlKey = null, string? flowControlValue = null, string? label = null, string? delay = null)
    {
        var headers = new JsonObject
        {
            ["upstash-method"] = "POST",
            ["content-type"] = "application/json",
            ["upstash-workflow-init"] = "true",
            ["upstash-workflow-runid"] = runId,
            ["upstash-workflow-url"] = Url,
            ["upstash-workflow-sdk-version"] = "1",
            ["upstash-forward-upstash-workflow-sdk-version"] = "1",
            ["upstash-forward-x-user"] = "u1",
            ["upstash-feature-set"] = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig",
            ["upstash-failure-callback"] = Url,
            ["upstash-failure-callback-forward-upstash-workflow-is-failure"] = "true",
            ["upstash-failure-callback-forward-upstash-workflow-failure-callback"] = "true",
            ["upstash-failure-callback-forward-x-user"] = "u1",
            ["upstash-failure-callback-workflow-runid"] = runId,
            ["upstash-failure-callback-workflow-init"] = "false",
            ["upstash-failure-callback-workflow-url"] = Url,
            ["upstash-failure-callback-workflow-calltype"] = "failureCall",
        };
        if (retries is { } count)
        {
            headers["upstash-retries"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (retryDelay is not null)
        {
            headers["upstash-retry-delay"] = retryDelay;
        }

        if (flowControlKey is not null)
        {
            headers["upstash-flow-control-key"] = flowControlKey;
            headers["upstash-flow-control-value"] = flowControlValue;
        }

        if (delay is not null)
        {
            headers["upstash-delay"] = delay;
        }

        if (label is not null)
        {
            headers["upstash-label"] = label;
            headers["upstash-forward-upstash-label"] = label;
        }

        var batch = new JsonArray(new JsonObject { ["destination"] = Url, ["headers"] = headers, ["body"] = body });
        using HttpResponseMessage response = await CallAsync(HttpMethod.Post, "/v2/batch", batch.ToJsonString());
        string answer = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? answer : throw new InvalidOperationException($"trigger answered {(int)response.StatusCode}: {answer}");
    }

    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Service.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int max;
        while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(name => name, name => context.Request.Headers[name]!, StringComparer.OrdinalIgnoreCase);
            var delivery = new ReceivedDelivery(headers, buffer.ToArray(), DateTimeOffset.UtcNow);
            _received.Enqueue(delivery);
            if (Hold is { } hold && HoldIf(delivery) && !await hold.Task)
            {
                context.Response.Abort();
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            (int status, Dictionary<string, string> answerHeaders, string answer) = Override(delivery) is { } forced
                ? (forced.Status, forced.Headers, """{"error":"Forced","message":"forced by the test"}""")
                : await ActAsync(delivery);
            context.Response.StatusCode = status;
            context.Response.Headers["Upstash-Workflow-Sdk-Version"] = "1";
            foreach ((string name, string value) in answerHeaders)
            {
                context.Response.Headers[name] = value;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "text/plain;charset=UTF-8";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>What the SDK's <c>serve</c> does with one delivery.</summary>
    private async Task<(int Status, Dictionary<string, string> Headers, string Body)> ActAsync(ReceivedDelivery delivery)
    {
        string runId = delivery.Headers["Upstash-Workflow-RunId"];
        if (delivery.IsFailureCall)
        {
            return (200, [], """{"result":"failure handled"}""");
        }

        JsonArray history = JsonNode.Parse(delivery.Body)!.AsArray();
        var done = history.Skip(1).Select(element => JsonNode.Parse(Convert.FromBase64String(element!["body"]!.GetValue<string>()))!).ToArray();
        for (int i = 0; i < done.Length && i < Steps.Length; i++)
        {
            if (done[i]["stepName"]!.GetValue<string>() != Steps[i])
            {
                return (500, [], $$"""{"error":"WorkflowError","message":"Incompatible step name. Expected '{{Steps[i]}}', got '{{done[i]["stepName"]}}' from the request"}""");
            }
        }

        if (done.Length == Steps.Length)
        {
            using HttpResponseMessage finished = await CallAsync(HttpMethod.Delete, $"/v2/workflows/runs/{runId}?cancel=false", "\"done\"");
            return (200, [], $$"""{"workflowRunId":"{{runId}}","finishCondition":"success"}""");
        }

        string name = Steps[done.Length];
        object? output;
        try
        {
            output = Run(name, int.Parse(delivery.Headers["Upstash-Retried"], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (InvalidOperationException exception)
        {
            return (500, new Dictionary<string, string> { ["Upstash-Error-Step-Name"] = name }, JsonSerializer.Serialize(new { error = "Error", message = exception.Message, stack = "at " + name }));
        }

        var step = new JsonObject { ["stepId"] = done.Length + 1, ["stepName"] = name, ["stepType"] = "Run", ["out"] = JsonSerializer.Serialize(output), ["concurrent"] = 1 };
        var headers = new JsonObject
        {
            ["content-type"] = "application/json",
            ["upstash-method"] = "POST",
            ["upstash-workflow-init"] = "false",
            ["upstash-workflow-runid"] = runId,
            ["upstash-workflow-url"] = Url,
            ["upstash-workflow-sdk-version"] = "1",
            ["upstash-forward-upstash-workflow-sdk-version"] = "1",
        };
        var batch = new JsonArray(new JsonObject { ["destination"] = Url, ["headers"] = headers, ["body"] = step.ToJsonString() });
        using HttpResponseMessage published = await CallAsync(HttpMethod.Post, "/v2/batch", batch.ToJsonString());
        return published.StatusCode == HttpStatusCode.BadRequest || published.IsSuccessStatusCode
            ? (200, [], $$"""{"workflowRunId":"{{runId}}","finishCondition":"success"}""")
            : (500, [], $$"""{"error":"QstashError","message":"publish answered {{(int)published.StatusCode}}"}""");
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>One delivery as the endpoint received it.</summary>
internal sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public bool IsFailureCall => Headers.TryGetValue("Upstash-Workflow-Failure-Callback", out string? value) && value == "true";

    public string Text => Encoding.UTF8.GetString(Body);

    public int Retried => int.Parse(Headers["Upstash-Retried"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The step names of the delivered history (element 0, the payload, left out).</summary>
    public IReadOnlyList<string> StepNames => JsonNode.Parse(Body)!.AsArray().Skip(1)
        .Select(element => JsonNode.Parse(Convert.FromBase64String(element!["body"]!.GetValue<string>()))!["stepName"]!.GetValue<string>()).ToArray();

    public int Elements => JsonNode.Parse(Body)!.AsArray().Count;
}
