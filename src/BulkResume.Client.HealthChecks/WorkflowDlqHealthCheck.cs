using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BulkResume;

/// <summary>
/// Lists the DLQ through the client: unhealthy when the service can't be reached or refuses the token (or answers
/// another error), degraded when the filter selects more than the threshold, healthy otherwise.
/// </summary>
internal sealed class WorkflowDlqHealthCheck : IHealthCheck
{
    /// <summary>The most entries the DLQ listing answers per request.</summary>
    private const int MaxListPage = 100;

    private readonly DlqClient _dlq;
    private readonly ResumeFilter _filter;
    private readonly int? _degradedAbove;

    public WorkflowDlqHealthCheck(DlqClient dlq, WorkflowDlqHealthCheckOptions options)
    {
        _dlq = dlq;
        _filter = options.Filter;
        _degradedAbove = options.DegradedAbove;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = _degradedAbove + 1 ?? 1;
        int seen;
        try
        {
            seen = await CountUpToAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowApiException error)
        {
            // The client's error texts never hold the token, so the exception can go into the report.
            var description = error.Status switch
            {
                0 => "The workflow DLQ service could not be reached: " + error.ErrorMessage,
                401 or 403 => string.Create(CultureInfo.InvariantCulture, $"The workflow DLQ service refused the token ({error.Status}): check the token the client is configured with."),
                _ => string.Create(CultureInfo.InvariantCulture, $"The workflow DLQ service answered {error.Status}: {error.ErrorMessage}"),
            };
            return new HealthCheckResult(context.Registration.FailureStatus, description, error);
        }

        if (_degradedAbove is not { } threshold)
        {
            return HealthCheckResult.Healthy("The workflow DLQ service answered.");
        }

        return seen > threshold
            ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"The DLQ holds more than {threshold} entries selected by {_filter}."), data: Data(seen, threshold))
            : HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"The DLQ holds {seen} entries selected by {_filter}, at most {threshold}."), Data(seen, threshold));
    }

    /// <summary>Counts the selected entries, reading at most <paramref name="limit"/>: each page asks only for what is still needed.</summary>
    private async Task<int> CountUpToAsync(int limit, CancellationToken cancellationToken)
    {
        var seen = 0;
        string? next = null;
        do
        {
            var wanted = Math.Min(limit - seen, MaxListPage);
            string? after = null;
            await foreach (var page in _dlq.ListAsync(_filter, cancellationToken: cancellationToken).AsPages(next, wanted).ConfigureAwait(false))
            {
                seen += page.Values.Count;
                after = page.ContinuationToken;
                break;
            }

            next = after;
        }
        while (next is not null && seen < limit);

        return seen;
    }

    private static Dictionary<string, object> Data(int seen, int threshold) => new()
    {
        ["entries"] = seen,
        ["degradedAbove"] = threshold,
    };
}
