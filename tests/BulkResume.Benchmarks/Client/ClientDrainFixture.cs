using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.HandWritten;
using BulkResume.Engine;

namespace BulkResume.Benchmarks.Client;

/// <summary>
/// A fresh engine behind the in-process handler, seeded with the given entries, with the SDK and the hand-written loop
/// both pointed at it: one drain of either. A new one for every drain, so both sides do the same engine work.
/// </summary>
internal sealed class ClientDrainFixture : IDisposable
{
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;
    private readonly WorkflowClient _client;
    private readonly RawResumeLoop _raw;

    private ClientDrainFixture(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
        _client = new WorkflowClient(_http, new WorkflowClientOptions { Token = server.Token, BaseUrl = DlqTestServer.DefaultBaseAddress });
        _raw = new RawResumeLoop(_http, DlqTestServer.DefaultBaseAddress, server.Token, BenchData.OrdersUrl);
    }

    public static async Task<ClientDrainFixture> CreateAsync(IReadOnlyList<DlqEntry> entries)
    {
        var server = DlqTestServer.Create();
        await server.Engine.DeadLetterAsync(entries);
        return new ClientDrainFixture(server);
    }

    /// <summary>The SDK drains the DLQ; returns the runs it yielded.</summary>
    public Task<int> ClientAsync() => ClientDrain.DrainAsync(_client, BenchData.OrdersUrl);

    /// <summary>The hand-written loop drains the DLQ; returns the runs it read.</summary>
    public Task<int> HandWrittenAsync() => _raw.DrainAsync();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
