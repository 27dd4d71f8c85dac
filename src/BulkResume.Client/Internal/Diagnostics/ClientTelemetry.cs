using System.Diagnostics.Metrics;
using System.Diagnostics;
using BulkResume.Internal.Http;

namespace BulkResume.Internal.Diagnostics;

/// <summary>
/// The client's traces and metrics, both named <c>BulkResume.Client</c>: a span per request and per bulk
/// operation; counters of requests, retries and runs resumed, and the requests in flight.
/// </summary>
internal sealed class ClientTelemetry
{
    public static readonly ActivitySource Source = new(WorkflowTelemetry.ActivitySourceName, typeof(ClientTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Lazy<ClientTelemetry> SharedTelemetry = new(() => new ClientTelemetry(new Meter(WorkflowTelemetry.MeterName)));

    private ClientTelemetry(Meter meter)
    {
        Requests = meter.CreateCounter<long>("bulkresume.client.requests", "{request}", "HTTP attempts sent to the service, by method, path and status.");
        Retries = meter.CreateCounter<long>("bulkresume.client.retries", "{retry}", "Attempts retried after a rate limit or a transient failure.");
        RunsResumed = meter.CreateCounter<long>("bulkresume.client.runs_resumed", "{run}", "Runs created by resume and restart operations.");
        RequestsInFlight = meter.CreateUpDownCounter<long>("bulkresume.client.requests_in_flight", "{request}", "Requests started and not yet answered, retries and their waits included, by method and path.");
    }

    /// <summary>
    /// The telemetry of clients created without a host: one meter and one set of instruments for all of them, so that
    /// creating many clients neither multiplies instruments nor keeps them alive forever.
    /// </summary>
    public static ClientTelemetry Shared => SharedTelemetry.Value;

    public Counter<long> Requests { get; }

    public Counter<long> Retries { get; }

    public Counter<long> RunsResumed { get; }

    public UpDownCounter<long> RequestsInFlight { get; }

    /// <summary>The telemetry of a client from dependency injection: instruments on the host's meter factory, or the shared ones.</summary>
    public static ClientTelemetry For(IMeterFactory? meterFactory) =>
        meterFactory is null ? Shared : new ClientTelemetry(meterFactory.Create(WorkflowTelemetry.MeterName));
}

/// <summary>
/// Counts one request in <see cref="ClientTelemetry.RequestsInFlight"/> from its start (before the first attempt) to the
/// end of reading its answer, retries and their waits included: what a concurrent drain keeps up to its limit.
/// </summary>
internal readonly struct InFlightRequest : IDisposable
{
    private readonly ClientTelemetry _telemetry;
    private readonly KeyValuePair<string, object?> _method;
    private readonly KeyValuePair<string, object?> _route;

    public InFlightRequest(ClientTelemetry telemetry, WorkflowRequest request)
    {
        _telemetry = telemetry;
        _method = new("http.request.method", request.Method.Method);
        _route = new("url.template", request.Route);
        telemetry.RequestsInFlight.Add(1, _method, _route);
    }

    public void Dispose() => _telemetry.RequestsInFlight.Add(-1, _method, _route);
}
