using BulkResume.Internal.Http;

namespace BulkResume.Internal.Diagnostics;

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
