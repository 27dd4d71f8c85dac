using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BulkResume.Benchmarks.Data;
using BulkResume.Emulator;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// A fresh <see cref="WorkflowEmulator"/> (Kestrel on loopback, in-memory store) seeded in process with
/// <see cref="BenchData.OneWorkflow"/>, and a <see cref="WorkflowClient"/> over a <see cref="SocketsHttpHandler"/>
/// pointed at it: what the loopback drains measure against. Seeding happens before anything is timed.
/// </summary>
internal sealed class SeededEmulator : IAsyncDisposable
{
    private readonly WorkflowEmulator _emulator;
    private readonly HttpClient _http;

    private SeededEmulator(WorkflowEmulator emulator, HttpClient http)
    {
        _emulator = emulator;
        _http = http;
        Client = new WorkflowClient(http, new WorkflowClientOptions { Token = emulator.Token, BaseUrl = emulator.Url });
    }

    /// <summary>The SDK, pointed at the emulator.</summary>
    public WorkflowClient Client { get; }

    /// <summary>Starts an emulator and adds <paramref name="count"/> entries of <see cref="BenchData.OrdersUrl"/> to its store.</summary>
    public static async Task<SeededEmulator> StartAsync(int count)
    {
        var store = new InMemoryDlqStore();
        WorkflowEmulator emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { Store = store });
        await BenchData.SeedAsync(store, count, BenchData.OneWorkflow);
        return new SeededEmulator(emulator, new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan });
    }

    /// <summary>Sets the latency of every DLQ API request with the emulator's admin API, <c>POST /_emulator/faults {"latencyMs": n}</c>.</summary>
    public async Task SetLatencyAsync(int milliseconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Url, "/_emulator/faults"))
        {
            Content = new StringContent(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"latencyMs\":{milliseconds}}}"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.Token);
        using HttpResponseMessage response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"POST /_emulator/faults answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>How many entries the emulator's DLQ holds now.</summary>
    public async Task<long> DlqCountAsync() => (await _emulator.Store.GetStatisticsAsync()).DlqEntryCount;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }
}
