using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkResume.Emulator.Admin.Wire;
using BulkResume.Emulator.Hosting;
using BulkResume.Engine;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace BulkResume.Emulator.Admin;

/// <summary>
/// The emulator's admin API under <c>/_emulator</c>, for tests in any language: seed, reset, faults, stats.
/// </summary>
/// <remarks>
/// Every request is checked whole before anything changes, and every refusal is <c>{"error": ...}</c> naming the JSON
/// field. Documented in the repository's <c>docs/emulator.md</c>; its answers never send a user there.
/// </remarks>
internal sealed class AdminApi
{
    /// <summary>
    /// <c>GET /_emulator</c>: where everything is (<c>/</c> is the web console), and what an installed emulator has for help:
    /// its <c>--help</c> (a repository's path to its docs would mean nothing to a user of the tool).
    /// </summary>
    private static readonly DlqApiResponse Index = new(
        200,
        System.Text.Encoding.UTF8.GetBytes(
            """{"service":"BulkResume emulator","api":"/v2/workflows/dlq","logs":"/v2/workflows/logs","runs":"/v2/workflows/runs","keys":"/v2/keys","admin":"/_emulator","health":"/health","console":"/","endpoints":["POST /_emulator/seed","POST /_emulator/reset","POST /_emulator/faults","GET /_emulator/stats"],"help":"bulkresume-emulator --help"}"""));

    /// <summary>How the engine names the first entry's fields; the short form's are the request's own.</summary>
    private const string ShortFormEntry = "entries[0].";

    private readonly DlqEngine _engine;
    private readonly FaultInjector _faults;
    private readonly OffsetTimeProvider _clock;
    private readonly SeedBuilder _seeds;
    private readonly ILogger _logger;

    public AdminApi(DlqEngine engine, FaultInjector faults, OffsetTimeProvider clock, ILogger logger)
    {
        _engine = engine;
        _faults = faults;
        _clock = clock;
        _seeds = new SeedBuilder(clock);
        _logger = logger;
    }

    public async ValueTask<DlqApiResponse> HandleAsync(DlqApiRequest request, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            // HEAD is answered as GET; the server leaves the body out.
            return (request.Method == "HEAD" ? "GET" : request.Method, request.Path.TrimEnd('/')) switch
            {
                ("GET", "/_emulator") => Index,
                ("POST", "/_emulator/seed") => await SeedAsync(await ReadAsync(body, EmulatorJsonContext.Default.SeedRequestBody, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
                ("POST", "/_emulator/reset") => await ResetAsync(cancellationToken).ConfigureAwait(false),
                ("POST", "/_emulator/faults") => SetFaults(await ReadAsync(body, EmulatorJsonContext.Default.FaultsRequestBody, cancellationToken).ConfigureAwait(false)),
                ("GET", "/_emulator/stats") => await StatsAsync(cancellationToken).ConfigureAwait(false),
                (_, "/_emulator" or "/_emulator/stats") => NotAllowed(request, "GET, HEAD"),
                (_, "/_emulator/seed" or "/_emulator/reset" or "/_emulator/faults") => NotAllowed(request, "POST"),
                _ => DlqApiResponse.Error(404, $"Not found: {request.Path}. The admin API has /_emulator/seed, /reset, /faults and /stats (GET /_emulator lists them)."),
            };
        }
        catch (AdminRequestException exception)
        {
            return DlqApiResponse.Error(400, exception.Message);
        }
        catch (DlqEngineException exception)
        {
            return DlqApiResponse.Error(exception.StatusCode, exception.Message);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception)
        {
            // The server's refusal while the body is read (too large, cut short), answered like every other error.
            return DlqApiResponse.Error(exception.StatusCode, exception.StatusCode == 413
                ? "The request body is too large for the emulator. Send less per request (seed at most 10000 entries at a time)."
                : "The request body could not be read: " + exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Anything unexpected is a 500 with a body, and logged with its exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Hosting.EmulatorLog.AdminFailure(_logger, request.Method, request.Path, exception);
            return DlqApiResponse.Error(500, "Internal error; the emulator's log has the details.");
        }
    }

    private async ValueTask<DlqApiResponse> SeedAsync(SeedRequestBody seed, CancellationToken cancellationToken)
    {
        IReadOnlyList<DlqEntry> entries = _seeds.Build(seed);
        try
        {
            await _engine.DeadLetterAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            // A value the engine refuses (named entries[i].field), or an id already in the DLQ or given twice: nothing was
            // added. Every entry of the short form carries its values from the top-level fields, which are named so.
            string message = exception.Message.Split(" (Parameter", 2)[0];
            throw new AdminRequestException(seed.Entries is null && message.StartsWith(ShortFormEntry, StringComparison.Ordinal) ? message[ShortFormEntry.Length..] : message);
        }
        return Json(new SeedResponseBody { DlqIds = entries.Select(entry => entry.DlqId).ToList() }, EmulatorJsonContext.Default.SeedResponseBody);
    }

    private async ValueTask<DlqApiResponse> ResetAsync(CancellationToken cancellationToken)
    {
        if (_engine.Store is not IResettableDlqStore resettable)
        {
            throw new AdminRequestException("This emulator's store can't be reset; restart the emulator with a fresh store instead.");
        }

        await resettable.ResetAsync(cancellationToken).ConfigureAwait(false);
        FaultPlan.Clear(_faults, _clock);
        return await StatsAsync(cancellationToken).ConfigureAwait(false);
    }

    private DlqApiResponse SetFaults(FaultsRequestBody faults)
    {
        FaultPlan.Check(faults).ApplyTo(_faults, _clock);
        return new DlqApiResponse(204, ReadOnlyMemory<byte>.Empty);
    }

    private async ValueTask<DlqApiResponse> StatsAsync(CancellationToken cancellationToken)
    {
        DlqStoreStatistics statistics = await _engine.Store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var stats = new StatsResponseBody
        {
            Dlq = statistics.DlqEntryCount,
            Resumed = statistics.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed),
            Restarted = statistics.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Restarted),
            Runs = Enum.GetValues<RunState>().ToDictionary(WireNames.Of, state => statistics.RunsByState.GetValueOrDefault(state)),
        };
        return Json(stats, EmulatorJsonContext.Default.StatsResponseBody);
    }

    private static DlqApiResponse NotAllowed(DlqApiRequest request, string allow) =>
        Hosting.EmulatorResponses.MethodNotAllowed($"Method {request.Method} is not allowed on {request.Path}; use {allow} (GET /_emulator lists the endpoints).", allow);

    private static DlqApiResponse Json<T>(T body, JsonTypeInfo<T> type) => new(200, JsonSerializer.SerializeToUtf8Bytes(body, type));

    private static async ValueTask<T> ReadAsync<T>(Stream body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new AdminRequestException("The body is empty; send a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new AdminRequestException(AdminJson.Describe(exception, type));
        }
    }
}
