using System.Globalization;
using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>A validated copy of <see cref="ResumeOptions"/> taken when an operation starts; later changes to the options do not leak in.</summary>
internal sealed class RunOverrides
{
    public static readonly RunOverrides None = new(null, null, null, null);

    private RunOverrides(FlowControl? flowControl, int? retries, int? pageSize, Action<UnknownResumeOutcome>? onUnknownOutcome)
    {
        FlowControl = flowControl;
        Retries = retries;
        PageSize = pageSize;
        OnUnknownOutcome = onUnknownOutcome;
    }

    public FlowControl? FlowControl { get; }

    public int? Retries { get; }

    public int? PageSize { get; }

    public Action<UnknownResumeOutcome>? OnUnknownOutcome { get; }

    public static RunOverrides From(ResumeOptions? options, string parameterName)
    {
        if (options is null)
        {
            return None;
        }

        if (options.Retries is < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, options.Retries, "ResumeOptions.Retries must be 0 or more, or null to keep each run's original retries.");
        }

        if (options.PageSize is < 1 or > ResumeOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                options.PageSize,
                string.Create(CultureInfo.InvariantCulture, $"ResumeOptions.PageSize must be between 1 and {ResumeOptions.MaxPageSize} (the service's limit per request), or null for the service's default."));
        }

        return new RunOverrides(options.FlowControl, options.Retries, options.PageSize, options.OnUnknownOutcome);
    }

    /// <summary>Adds the override headers; absent values are not sent, so the service keeps the original run's.</summary>
    public void ApplyTo(WorkflowRequest request)
    {
        if (FlowControl is { } flowControl)
        {
            request.Headers.Add(new("Upstash-Flow-Control-Key", flowControl.Key));
            if (flowControl.HeaderValue is { } value)
            {
                request.Headers.Add(new("Upstash-Flow-Control-Value", value));
            }
        }

        if (Retries is { } retries)
        {
            request.Headers.Add(new("Upstash-Retries", retries.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
