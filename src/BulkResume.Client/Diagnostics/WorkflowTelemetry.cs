namespace BulkResume;

/// <summary>
/// The names the client's traces and metrics are published under, for an OpenTelemetry host:
/// <c>tracing.AddSource(WorkflowTelemetry.ActivitySourceName)</c> and <c>metrics.AddMeter(WorkflowTelemetry.MeterName)</c>.
/// </summary>
public static class WorkflowTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of a span per bulk operation and per HTTP attempt.</summary>
    public const string ActivitySourceName = "BulkResume.Client";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the request, retry and resumed-run counters.</summary>
    public const string MeterName = "BulkResume.Client";

    /// <summary>The <c>ILogger</c> category of the client's log events.</summary>
    public const string LoggerCategory = "BulkResume.Client";
}
