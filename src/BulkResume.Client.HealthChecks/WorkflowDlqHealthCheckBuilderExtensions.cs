using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BulkResume;

/// <summary>Adds the workflow DLQ health check to an <see cref="IHealthChecksBuilder"/>.</summary>
public static class WorkflowDlqHealthCheckBuilderExtensions
{
    /// <summary>The check's default name.</summary>
    public const string DefaultName = "workflow-dlq";

    /// <summary>
    /// Checks the DLQ through the registered <see cref="DlqClient"/> (<c>AddWorkflowClient</c>): unhealthy (or
    /// <paramref name="failureStatus"/>) when the service can't be reached or refuses the token, degraded when the
    /// entries <see cref="WorkflowDlqHealthCheckOptions.Filter"/> selects exceed
    /// <see cref="WorkflowDlqHealthCheckOptions.DegradedAbove"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the filter and the threshold; null checks only that the service answers.</param>
    /// <param name="name">The check's name. Default <c>workflow-dlq</c>.</param>
    /// <param name="failureStatus">The status reported when the service can't be read. Default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to select the check by, such as <c>ready</c>.</param>
    /// <param name="timeout">How long the check may take, retries included. Default 10 seconds.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative.</exception>
    public static IHealthChecksBuilder AddWorkflowDlq(
        this IHealthChecksBuilder builder,
        Action<WorkflowDlqHealthCheckOptions>? configure = null,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new WorkflowDlqHealthCheckOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.Filter, "WorkflowDlqHealthCheckOptions.Filter");
        if (options.DegradedAbove is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.DegradedAbove, "WorkflowDlqHealthCheckOptions.DegradedAbove must be 0 or more, or null to check only that the service answers.");
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new WorkflowDlqHealthCheck(provider.GetRequiredService<DlqClient>(), options),
            failureStatus,
            tags,
            timeout ?? TimeSpan.FromSeconds(10)));
    }
}
