using System.Security.Cryptography;
using BulkResume.Emulator.Admin;
using BulkResume.Emulator.Hosting;
using BulkResume.Engine;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkResume.Emulator;

/// <summary>
/// The reference DLQ engine served over real HTTP by Kestrel, on loopback, with the same API as the hosted service plus
/// an admin API under <c>/_emulator/</c> (seed, reset, faults, stats).
/// </summary>
/// <remarks>
/// Start one per test or test class:
/// <code>await using var emulator = await WorkflowEmulator.StartAsync();</code>
/// </remarks>
public sealed class WorkflowEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OffsetTimeProvider _clock;

    private WorkflowEmulator(
        WebApplication app, Uri url, string token, DlqEngine engine, FaultInjector faults, BulkActionWorker bulkActions, DeliveryWorker deliveries, OffsetTimeProvider clock)
    {
        _app = app;
        _clock = clock;
        Url = url;
        Token = token;
        Engine = engine;
        Faults = faults;
        BulkActions = bulkActions;
        Deliveries = deliveries;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:54321</c>: use it as the client's base URL.</summary>
    public Uri Url { get; }

    /// <summary>The bearer token the emulator accepts.</summary>
    public string Token { get; }

    /// <summary>The engine behind the API, for seeding and inspecting from the test.</summary>
    public DlqEngine Engine { get; }

    /// <summary>Where entries and runs live.</summary>
    public IDlqStore Store => Engine.Store;

    /// <summary>Faults injected into API requests (not into the admin API).</summary>
    public FaultInjector Faults { get; }

    /// <summary>The worker that carries out the async bulk actions in the background while the emulator runs.</summary>
    /// <remarks>
    /// It picks up the store's unfinished actions on start; <c>await emulator.BulkActions.WaitUntilIdleAsync()</c> lets every
    /// action finish, and <see cref="FaultInjector.HoldBulkActions"/> (<c>holdBulkActions</c>) holds them.
    /// </remarks>
    public BulkActionWorker BulkActions { get; }

    /// <summary>
    /// The worker that delivers the workflow runs started through the protocol (<c>POST /v2/batch</c>) to their endpoints,
    /// in the background while the emulator runs.
    /// </summary>
    /// <remarks>
    /// It delivers what the store holds due on start (a restarted emulator carries on); <c>await
    /// emulator.Deliveries.WaitUntilIdleAsync()</c> lets every delivered run succeed or fail into the DLQ.
    /// </remarks>
    public DeliveryWorker Deliveries { get; }

    /// <summary>
    /// How far the emulator's clock runs ahead of <see cref="WorkflowEmulatorOptions.TimeProvider"/> (behind when
    /// negative): the clock skew set with <c>clockOffsetMs</c> by <c>POST /_emulator/faults</c>; zero until then.
    /// </summary>
    public TimeSpan ClockOffset => _clock.Offset;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">Address, port, token, signing keys and store; null for loopback, a free port, a random token, no keys and memory.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="IOException">The address can't be bound (for example, the port is taken); nothing is left running.</exception>
    public static async Task<WorkflowEmulator> StartAsync(WorkflowEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WorkflowEmulatorOptions();
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "WorkflowEmulatorOptions.Port must be 0 (a free port) to 65535.");
        }

        string token = string.IsNullOrWhiteSpace(options.Token) ? NewToken() : options.Token;
        var clock = new OffsetTimeProvider(options.TimeProvider ?? TimeProvider.System);
        IDlqStore store = options.Store ?? new InMemoryDlqStore();
        var engine = new DlqEngine(store, new DlqEngineOptions { TimeProvider = clock, IdGenerator = DefaultDlqIdGenerator.Shared, SigningKeys = options.SigningKeys });
        var faults = new FaultInjector(clock);
        DlqApiAuthentication authentication = options.DisableAuthentication ? DlqApiAuthentication.Anonymous : DlqApiAuthentication.Token(token);
        ILoggerFactory logs = options.LoggerFactory ?? NullLoggerFactory.Instance;
        ILogger errors = logs.CreateLogger("BulkResume.Emulator");
        var bridge = new EmulatorRequestBridge(
            new DlqHttpApi(engine, authentication, errors),
            new AdminApi(engine, faults, clock, errors),
            faults,
            authentication,
            clock,
            logs.CreateLogger(EmulatorLog.RequestCategory));

        var bulkActions = new BulkActionWorker(engine, faults, errors);
        var deliveries = new DeliveryWorker(engine, logger: errors);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddHostedService(_ => new BulkActionHost(bulkActions));
        builder.Services.AddHostedService(_ => new DeliveryHost(deliveries));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Above the emulator's own limits, so that an oversized request is refused by the emulator, with a JSON body.
            kestrel.Limits.MaxRequestLineSize = EmulatorRequestBridge.MaxRequestTargetLength * 4;
            kestrel.Limits.MaxRequestHeadersTotalSize = EmulatorRequestBridge.MaxHeaderBytes * 4;

            // The documented limit is the headers' size; Kestrel's own count (100) refused many small headers well under it.
            kestrel.Limits.MaxRequestHeaderCount = EmulatorRequestBridge.MaxHeaderBytes;
            kestrel.Listen(options.Host, options.Port);
        });
        var app = builder.Build();
        app.Run(bridge.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            deliveries.Dispose();
            throw exception is IOException
                ? new IOException($"The emulator could not listen on {options.Host}:{options.Port} ({exception.Message}). Choose another port, or 0 for a free one.", exception)
                : exception;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WorkflowEmulator(app, new Uri(address), token, engine, faults, bulkActions, deliveries, clock);
    }

    /// <summary>Stops accepting requests and lets those in flight finish.</summary>
    /// <param name="cancellationToken">Ends the graceful wait early.</param>
    /// <returns>A task that completes when the emulator has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the emulator.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Deliveries.Dispose();
    }

    private static string NewToken() => "emu_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
