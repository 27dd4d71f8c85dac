using System.Net.Http.Headers;
using System.Text;
using BulkResume.Emulator;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Storage.PostgreSql;

namespace BulkResume.IntegrationTests.Support;

/// <summary>
/// The emulator over the memory, SQLite or PostgreSQL store, so that a test of the HTTP surface holds on every store;
/// the emulator, its store and the SQLite file go together on dispose.
/// </summary>
public sealed class StoreBackedEmulator : IAsyncDisposable
{
    private readonly IDlqStore _store;
    private readonly string? _file;

    private StoreBackedEmulator(WorkflowEmulator emulator, IDlqStore store, string? file)
    {
        Emulator = emulator;
        _store = store;
        _file = file;
        Http = new HttpClient { BaseAddress = emulator.Url };
    }

    /// <summary>The stores a theory runs on.</summary>
    public static TheoryData<string> Stores => new("memory", "sqlite", "postgres");

    public WorkflowEmulator Emulator { get; }

    /// <summary>A client of the emulator's address; a request sets its own token.</summary>
    public HttpClient Http { get; }

    /// <param name="store">The store: <c>memory</c>, <c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="postgres">The PostgreSQL server, for <c>postgres</c>.</param>
    /// <param name="clock">The emulator's clock; null for the system's.</param>
    public static async Task<StoreBackedEmulator> StartAsync(string store, PostgreSqlServerFixture postgres, TimeProvider? clock = null)
    {
        string? file = store == "sqlite" ? Path.Combine(Path.GetTempPath(), "bulkresume-emulator-" + Guid.NewGuid().ToString("N") + ".db") : null;
        IDlqStore dlq = store switch
        {
            "memory" => new InMemoryDlqStore(),
            "sqlite" => SqliteDlqStore.Open(file!),
            _ => PostgreSqlDlqStore.Create(await postgres.CreateDatabaseAsync()),
        };
        return new StoreBackedEmulator(await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { Store = dlq, TimeProvider = clock }), dlq, file);
    }

    /// <summary>Sends a request with the emulator's token; <paramref name="json"/> is the body when given.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string target, string? json = null)
    {
        using var request = new HttpRequestMessage(method, target);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.Token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, CRLF-separated, without the final blank line) as raw bytes
    /// on a connection of its own, for requests no HTTP client would write, and returns the status and body.
    /// </summary>
    public async Task<(int Status, string Head, string Body)> SendRawAsync(byte[] head)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(Emulator.Url.Host, Emulator.Url.Port);
        await using System.Net.Sockets.NetworkStream stream = socket.GetStream();
        await stream.WriteAsync(head);
        await stream.WriteAsync("\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync();
        int bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture), response[..bodyStart], response[(bodyStart + 4)..]);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_file is not null)
        {
            foreach (string path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
