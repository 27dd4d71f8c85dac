using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Emulator;
using BulkResume.Engine.Delivery;

namespace BulkResume.IntegrationTests.Support;

/// <summary>
/// An emulator in process and a workflow endpoint on the official SDK (<see cref="WorkflowApp"/>) that it delivers to,
/// both on loopback, with our C# client on the emulator: the parts a team running its workflows locally has. Signed
/// means the emulator signs every delivery and the endpoint checks each signature; unsigned means neither.
/// </summary>
internal sealed class SdkEndpoint : IAsyncDisposable
{
    /// <summary>How long a scenario may wait for deliveries to settle before it fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Keys of the tests' own, not the dev server's, so that nothing verifies by accident.</summary>
    public static readonly SigningKeys Keys = new("sig_bulkresume_tests_current", "sig_bulkresume_tests_next");

    private SdkEndpoint(WorkflowEmulator emulator, WorkflowApp app, WorkflowClient client)
    {
        Emulator = emulator;
        App = app;
        Client = client;
    }

    public WorkflowEmulator Emulator { get; }

    public WorkflowApp App { get; }

    public WorkflowClient Client { get; }

    /// <summary>Starts the emulator and the endpoint.</summary>
    /// <param name="mode"><c>generic</c> (the SDK's <c>serve</c> on <c>node:http</c>, raw bytes) or <c>express</c>.</param>
    /// <param name="signed">Whether deliveries are signed and checked.</param>
    /// <param name="endpointKeys">The keys the endpoint checks with, when they should differ from the emulator's.</param>
    public static async Task<SdkEndpoint> StartAsync(string mode, bool signed, SigningKeys? endpointKeys = null)
    {
        WorkflowEmulator emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { SigningKeys = signed ? Keys : null });
        try
        {
            WorkflowApp app = await WorkflowApp.StartAsync(mode, emulator.Url, emulator.Token, endpointKeys ?? (signed ? Keys : null));
            var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token });
            return new SdkEndpoint(emulator, app, client);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Triggers one run per id with the official client (<c>retries</c> 2, <c>retryDelay</c> "0" unless told).</summary>
    public Task<IReadOnlyList<string>> TriggerAsync(Uri workflowUrl, IReadOnlyList<string> ids, object? flowControl = null) =>
        WorkflowApp.TriggerAsync(Emulator.Url, Emulator.Token, workflowUrl, ids, flowControl: flowControl);

    /// <summary>The DLQ entries of one workflow URL, read with our client.</summary>
    public async Task<IReadOnlyList<DlqMessage>> DlqAsync(Uri workflowUrl)
    {
        var entries = new List<DlqMessage>();
        await foreach (DlqMessage entry in Client.Dlq.ListAsync(ResumeFilter.Create().ForWorkflowUrl(workflowUrl.ToString())))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Waits until <paramref name="done"/> holds of the endpoint's state, failing after <see cref="Patience"/>.</summary>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="done">The condition, on the endpoint's state.</param>
    public async Task<JsonElement> WaitForAppAsync(string what, Func<JsonElement, bool> done)
    {
        using var deadline = new CancellationTokenSource(Patience);
        JsonElement state = await App.StateAsync();
        while (!done(state))
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"The endpoint did not see {what} within {Patience.TotalSeconds} s. Its state: {state}\nIts stderr: {App.Errors}");
            }

            await Task.Delay(100);
            state = await App.StateAsync();
        }

        return state;
    }

    /// <summary>Waits until the workflow's DLQ holds <paramref name="count"/> entries, failing after <see cref="Patience"/>.</summary>
    public async Task<IReadOnlyList<DlqMessage>> WaitForDlqAsync(Uri workflowUrl, int count)
    {
        using var deadline = new CancellationTokenSource(Patience);
        IReadOnlyList<DlqMessage> entries = await DlqAsync(workflowUrl);
        while (entries.Count < count)
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"The DLQ of {workflowUrl} held {entries.Count} of {count} entries after {Patience.TotalSeconds} s. The endpoint's state: {await App.StateAsync()}\nIts stderr: {App.Errors}");
            }

            await Task.Delay(100);
            entries = await DlqAsync(workflowUrl);
        }

        return entries;
    }

    /// <summary>
    /// The run from the run logs once it has finished: the endpoint's route returns before the SDK tells the emulator
    /// (its <c>DELETE /v2/workflows/runs/{id}</c>), so a run the endpoint saw finish may still be running for a moment.
    /// </summary>
    public async Task<WorkflowRun> WaitForFinishedRunAsync(string workflowRunId)
    {
        using var deadline = new CancellationTokenSource(Patience);
        WorkflowRun? run = await Client.Runs.GetAsync(workflowRunId);
        while (run?.CompletedAt is null)
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"The run {workflowRunId} had not finished after {Patience.TotalSeconds} s: {run?.ToString() ?? "not in the run logs"}");
            }

            await Task.Delay(100);
            run = await Client.Runs.GetAsync(workflowRunId);
        }

        return run;
    }

    /// <summary>How many times the endpoint executed each step of the run with payload <paramref name="id"/>.</summary>
    public static Dictionary<string, int> Counts(JsonElement state, string id) =>
        state.GetProperty("perRun").TryGetProperty(id, out JsonElement counts)
            ? counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32())
            : [];

    /// <summary>The failure calls the endpoint's failure function recorded for payload <paramref name="id"/>.</summary>
    public static JsonElement[] Failures(JsonElement state, string id) =>
        state.GetProperty("failures").EnumerateArray().Where(f => PayloadId(f) == id).ToArray();

    /// <summary>The run ids that finished (every step memoised, the route returned) for payload <paramref name="id"/>.</summary>
    public static string[] Finished(JsonElement state, string id) =>
        state.GetProperty("finished").TryGetProperty(id, out JsonElement runs) ? runs.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];

    /// <summary>The output the endpoint's step last returned for payload <paramref name="id"/>, as JSON.</summary>
    public static JsonNode Output(JsonElement state, string id, string step) =>
        JsonNode.Parse(state.GetProperty("outputs").GetProperty(id).GetProperty(step).GetRawText())!;

    private static string? PayloadId(JsonElement failure) =>
        failure.GetProperty("requestPayload") is { ValueKind: JsonValueKind.Object } payload && payload.TryGetProperty("id", out JsonElement id) ? id.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
