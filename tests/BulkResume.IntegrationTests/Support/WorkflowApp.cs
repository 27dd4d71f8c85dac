using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Engine.Delivery;

namespace BulkResume.IntegrationTests.Support;

/// <summary>
/// tests/OfficialSdk/workflow-app.mjs as a child process: a workflow endpoint on the official SDK (its generic
/// <c>serve</c> on <c>node:http</c>, or its Express adapter) that the emulator delivers to, with the control endpoint
/// that tells what its code executed. Killed with its children when disposed.
/// </summary>
internal sealed class WorkflowApp : IAsyncDisposable
{
    private readonly Process _node;
    private readonly StringBuilder _errors;
    private readonly HttpClient _http;

    private WorkflowApp(Process node, StringBuilder errors, Uri baseUrl)
    {
        _node = node;
        _errors = errors;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl };
    }

    /// <summary>The app's address, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What the app wrote on stderr so far, for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the app against a service, checking signatures with <paramref name="keys"/> (none when null).</summary>
    /// <param name="mode"><c>generic</c> or <c>express</c>.</param>
    /// <param name="serviceUrl">The emulator (<c>QSTASH_URL</c>), to which the SDK publishes each step.</param>
    /// <param name="token">Its token.</param>
    /// <param name="keys">The keys the SDK verifies deliveries with; null for an app that verifies nothing.</param>
    public static async Task<WorkflowApp> StartAsync(string mode, Uri serviceUrl, string token, SigningKeys? keys)
    {
        string folder = await OfficialSdk.FolderAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "workflow-app.mjs"));
        start.ArgumentList.Add(mode);
        start.Environment["QSTASH_URL"] = serviceUrl.GetLeftPart(UriPartial.Authority);
        start.Environment["QSTASH_TOKEN"] = token;
        start.Environment["QSTASH_CURRENT_SIGNING_KEY"] = keys?.Current;
        start.Environment["QSTASH_NEXT_SIGNING_KEY"] = keys?.Next;

        // §7 of the delivery notes: these switch the SDK to other servers or URLs.
        foreach (string name in new[] { "QSTASH_DEV", "QSTASH_REGION", "UPSTASH_WORKFLOW_URL" })
        {
            start.Environment.Remove(name);
        }

        Process node = Process.Start(start)!;
        var errors = new StringBuilder();
        node.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? first = await node.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null)
        {
            await node.WaitForExitAsync(timeout.Token);
            throw new InvalidOperationException($"workflow-app.mjs exited {node.ExitCode} before listening: {errors}");
        }

        // The rest of stdout is not read: keep draining it so that the app never blocks on a full pipe.
        _ = node.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        JsonElement listening = JsonDocument.Parse(first).RootElement;
        Assert.Equal(keys is not null, listening.GetProperty("verifiesSignatures").GetBoolean());
        return new WorkflowApp(node, errors, new Uri($"http://127.0.0.1:{listening.GetProperty("port").GetInt32()}/"));
    }

    /// <summary>The URL of a workflow served by the app; each scenario takes its own path, so its DLQ entries are its own.</summary>
    public Uri WorkflowUrl(string scenario) => new(BaseUrl, "api/wf/" + scenario);

    /// <summary>Everything the app recorded (see workflow-app.mjs): counts, outputs, failure calls, finished runs, in flight.</summary>
    public async Task<JsonElement> StateAsync() =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri("control", UriKind.Relative))).RootElement.Clone();

    /// <summary>Changes the app's settings: <c>failStep3</c>, <c>variant</c>, <c>delayMs</c>, <c>reset</c>.</summary>
    public async Task SetAsync(object settings)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(new Uri("control", UriKind.Relative), settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts to the workflow as anyone on the network could, without a signature: what the app answers.</summary>
    public async Task<(int Status, string Body)> PostUnsignedAsync(Uri workflowUrl, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, workflowUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Upstash-Workflow-Sdk-Version", "1");
        request.Headers.Add("Upstash-Workflow-RunId", "wfr_unsigned");
        using HttpResponseMessage response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Triggers one run per payload id with the official SDK's <c>Client.trigger</c> (one call for all).</summary>
    /// <returns>The run ids trigger() returned, in the order of <paramref name="ids"/>.</returns>
    public static async Task<IReadOnlyList<string>> TriggerAsync(Uri serviceUrl, string token, Uri workflowUrl, IReadOnlyList<string> ids, int? retries = 2, string? retryDelay = "0", object? flowControl = null)
    {
        var options = new JsonObject
        {
            ["url"] = workflowUrl.ToString(),
            ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
        };
        if (retries is not null)
        {
            options["retries"] = retries;
        }

        if (retryDelay is not null)
        {
            options["retryDelay"] = retryDelay;
        }

        if (flowControl is not null)
        {
            options["flowControl"] = JsonSerializer.SerializeToNode(flowControl);
        }

        JsonElement output = await OfficialSdk.RunScriptAsync("trigger.mjs", serviceUrl, token, options.ToJsonString());
        return output.GetProperty("workflowRunIds").EnumerateArray().Select(id => id.GetString()!).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        _node.Dispose();
    }
}
