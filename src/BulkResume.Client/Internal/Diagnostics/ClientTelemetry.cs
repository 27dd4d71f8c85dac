using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BulkResume.Internal.Diagnostics;

/// <summary>
/// The client's traces and metrics, both named <c>BulkResume.Client</c>: a span per request and per bulk
/// operation; counters of requests, retries and runs resumed.
/// </summary>
internal sealed class ClientTelemetry
{
    public const string Name = "BulkResume.Client";

    public static readonly ActivitySource Source = new(Name, typeof(ClientTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Lazy<Meter> SharedMeter = new(() => new Meter(Name));

    public ClientTelemetry(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(Name) ?? SharedMeter.Value;
        Requests = meter.CreateCounter<long>("bulkresume.client.requests", "{request}", "HTTP attempts sent to the service, by method, path and status.");
        Retries = meter.CreateCounter<long>("bulkresume.client.retries", "{retry}", "Attempts retried after a rate limit or a transient failure.");
        RunsResumed = meter.CreateCounter<long>("bulkresume.client.runs_resumed", "{run}", "Runs created by resume and restart operations.");
    }

    public Counter<long> Requests { get; }

    public Counter<long> Retries { get; }

    public Counter<long> RunsResumed { get; }
}
