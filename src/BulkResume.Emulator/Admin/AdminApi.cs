using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkResume.Emulator.Admin.Wire;
using BulkResume.Engine;
using BulkResume.Engine.Faults;
using BulkResume.Engine.Http;
using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.Emulator.Admin;

/// <summary>
/// The emulator's admin API under <c>/_emulator/</c>, for tests in any language: seed, reset, faults, stats.
/// Documented in <c>docs/emulator.md</c>.
/// </summary>
internal sealed class AdminApi
{
    private readonly DlqEngine _engine;
    private readonly FaultInjector _faults;
    private readonly SeedBuilder _seeds;

    public AdminApi(DlqEngine engine, FaultInjector faults, TimeProvider timeProvider)
    {
        _engine = engine;
        _faults = faults;
        _seeds = new SeedBuilder(timeProvider);
    }

    public async ValueTask<DlqApiResponse> HandleAsync(DlqApiRequest request, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return (request.Method, request.Path.TrimEnd('/')) switch
            {
                ("POST", "/_emulator/seed") => await SeedAsync(await ReadAsync(body, EmulatorJsonContext.Default.SeedRequestBody, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
                ("POST", "/_emulator/reset") => await ResetAsync(cancellationToken).ConfigureAwait(false),
                ("POST", "/_emulator/faults") => SetFaults(await ReadAsync(body, EmulatorJsonContext.Default.FaultsRequestBody, cancellationToken).ConfigureAwait(false)),
                ("GET", "/_emulator/stats") => await StatsAsync(cancellationToken).ConfigureAwait(false),
                (_, "/_emulator/seed" or "/_emulator/reset" or "/_emulator/faults" or "/_emulator/stats") =>
                    DlqApiResponse.Error(405, $"Method {request.Method} is not allowed on {request.Path}; see docs/emulator.md."),
                _ => DlqApiResponse.Error(404, $"Not found: {request.Path}. The admin API has /_emulator/seed, /reset, /faults and /stats."),
            };
        }
        catch (AdminRequestException exception)
        {
            return DlqApiResponse.Error(400, exception.Message);
        }
        catch (ArgumentException exception)
        {
            return DlqApiResponse.Error(400, exception.Message);
        }
    }

    private async ValueTask<DlqApiResponse> SeedAsync(SeedRequestBody seed, CancellationToken cancellationToken)
    {
        IReadOnlyList<DlqEntry> entries = _seeds.Build(seed);
        await _engine.DeadLetterAsync(entries, cancellationToken).ConfigureAwait(false);
        return Json(new SeedResponseBody { DlqIds = entries.Select(entry => entry.DlqId).ToList() }, EmulatorJsonContext.Default.SeedResponseBody);
    }

    private async ValueTask<DlqApiResponse> ResetAsync(CancellationToken cancellationToken)
    {
        if (_engine.Store is not IResettableDlqStore resettable)
        {
            throw new AdminRequestException($"The store {_engine.Store.GetType().Name} can't be reset; restart the emulator with a fresh store instead.");
        }

        await resettable.ResetAsync(cancellationToken).ConfigureAwait(false);
        _faults.Reset();
        return await StatsAsync(cancellationToken).ConfigureAwait(false);
    }

    private DlqApiResponse SetFaults(FaultsRequestBody faults)
    {
        if (faults.Reset == true)
        {
            _faults.Reset();
        }

        if (faults.FailNext is { } failNext)
        {
            _faults.FailNext(failNext.Count, failNext.Status, failNext.Headers, failNext.Message);
        }

        if (faults.DropNext is { } drop)
        {
            _faults.DropNext(drop);
        }

        if (faults.LatencyMs is { } latency)
        {
            _faults.Latency = latency >= 0
                ? TimeSpan.FromMilliseconds(latency)
                : throw new AdminRequestException("latencyMs must be 0 or more.");
        }

        if (faults.ApplyThenFail is { } applyThenFail)
        {
            FaultFailure mode = applyThenFail.Mode switch
            {
                null or "serverError" => FaultFailure.ServerError,
                "connectionDrop" => FaultFailure.ConnectionDrop,
                _ => throw new AdminRequestException($"applyThenFail.mode must be serverError or connectionDrop; got '{applyThenFail.Mode}'."),
            };
            if (applyThenFail.Count is { } count)
            {
                _faults.ApplyThenFailNext(count, mode);
            }
            else if (applyThenFail.Probability is { } probability)
            {
                _faults.ApplyThenFailRandomly(probability, applyThenFail.Seed, mode);
            }
            else
            {
                throw new AdminRequestException("applyThenFail needs count (the next N requests) or probability (0 to 1).");
            }
        }

        if (faults.BurstLimit is { } burst)
        {
            _faults.SetBurstLimit(burst);
        }

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

    private static DlqApiResponse Json<T>(T body, JsonTypeInfo<T> type) => new(200, JsonSerializer.SerializeToUtf8Bytes(body, type));

    private static async ValueTask<T> ReadAsync<T>(Stream body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new AdminRequestException("The body is empty; send a JSON object (see docs/emulator.md).");
        }
        catch (JsonException exception)
        {
            throw new AdminRequestException($"The body is not valid JSON for this endpoint: {exception.Message}");
        }
    }
}
