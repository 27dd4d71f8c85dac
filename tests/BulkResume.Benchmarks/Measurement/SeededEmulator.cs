using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BulkResume.Benchmarks.Data;
using BulkResume.Emulator;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// A <see cref="WorkflowEmulator"/> (Kestrel on loopback, in-memory store) seeded in process with
/// <see cref="BenchData.RecentFailures"/>, and a <see cref="WorkflowClient"/> over a <see cref="SocketsHttpHandler"/>
/// pointed at it, through a <see cref="RequestCounter"/>: what the loopback drains measure against. Seeding happens
/// before anything is timed.
/// </summary>
internal sealed class SeededEmulator : IAsyncDisposable
{
    private readonly WorkflowEmulator _emulator;
    private readonly InMemoryDlqStore _store;
    private readonly HttpClient _http;

    private SeededEmulator(WorkflowEmulator emulator, InMemoryDlqStore store)
    {
        _emulator = emulator;
        _store = store;
        Requests = new RequestCounter(new SocketsHttpHandler(), BenchData.PageSize);
        _http = new HttpClient(Requests) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = emulator.Token, BaseUrl = emulator.Url });
    }

    /// <summary>The SDK, pointed at the emulator.</summary>
    public WorkflowClient Client { get; }

    /// <summary>The DLQ requests <see cref="Client"/> has sent.</summary>
    public RequestCounter Requests { get; }

    /// <summary>Starts an emulator with an empty DLQ.</summary>
    public static async Task<SeededEmulator> StartAsync()
    {
        var store = new InMemoryDlqStore();
        return new SeededEmulator(await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { Store = store }), store);
    }

    /// <summary>
    /// Empties the emulator's store (DLQ and runs) and adds <paramref name="count"/> entries of
    /// <see cref="BenchData.OrdersUrl"/>, the last failed at the moment of seeding. The failure times are given here,
    /// not left to the emulator's own seed (<c>POST /_emulator/seed</c>), so that no change to how that dates its
    /// entries can move them past the moment a drain starts, which a drain by criteria takes as its end.
    /// </summary>
    public async Task SeedAsync(int count)
    {
        await ((IResettableDlqStore)_store).ResetAsync();
        await BenchData.SeedAsync(_store, count, BenchData.RecentFailures(count, lastFailedAt: DateTimeOffset.UtcNow));
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
    public async Task<long> DlqCountAsync() => (await ((IDlqStore)_store).GetStatisticsAsync()).DlqEntryCount;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }
}
