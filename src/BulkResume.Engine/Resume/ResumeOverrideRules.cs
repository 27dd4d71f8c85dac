using System.Globalization;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Resume;

/// <summary>
/// The rules of the override headers, applied once to every <see cref="ResumeOverrides"/> an engine is given, whether
/// it came from the headers or from a .NET caller.
/// </summary>
/// <remarks>Each refusal is a 400 naming the header, and nothing changes.</remarks>
internal static class ResumeOverrideRules
{
    public const string RetriesHeader = "Upstash-Retries";
    public const string DelayHeader = "Upstash-Delay";
    public const string RetryDelayHeader = "Upstash-Retry-Delay";
    public const string FlowControlKeyHeader = "Upstash-Flow-Control-Key";
    public const string FlowControlValueHeader = "Upstash-Flow-Control-Value";
    public const string LabelHeader = "Upstash-Label";
    public const string FailureCallbackHeader = "Upstash-Failure-Callback";

    /// <summary>Throws a 400 naming the first override that breaks a rule.</summary>
    public static void Validate(ResumeOverrides overrides)
    {
        if (overrides.Retries is { } retries && CheckRetries(retries) is { } retriesProblem)
        {
            throw Refuse(RetriesHeader, retriesProblem);
        }

        if (overrides.Delay is { } delay && (delay < TimeSpan.Zero || delay.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw Refuse(DelayHeader, $"must be a whole number of seconds, 0 or more, written <value><unit> with unit s, m, h or d (10s, 5m); got {delay}.");
        }

        if (overrides.RetryDelay is { } expression)
        {
            RequireText(RetryDelayHeader, expression);
            if (RetryDelayExpression.TryParse(expression, out string? problem) is null)
            {
                throw Refuse(RetryDelayHeader, $"{problem}. {RetryDelayExpression.Grammar}");
            }
        }

        ValidateFlowControl(overrides);
        if (overrides.Labels is { } labels)
        {
            ValidateLabels(labels);
        }

        if (overrides.FailureCallback is { } callback
            && !(Uri.TryCreate(callback, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            throw Refuse(FailureCallbackHeader, $"must be an absolute http or https URL such as https://example.com/api/failed; got '{callback}'.");
        }
    }

    public static string? CheckRetries(int value) => value < 0 ? $"must be 0 or more; got {value}." : null;

    public static string? CheckFlowControlKey(string value) =>
        string.IsNullOrWhiteSpace(value) ? "must not be empty; leave it out to keep the original key."
        : TextChecks.HasControlCharacter(value) ? "must not contain control characters."
        : value.Length > ValueLimits.MaxKeyLength ? TooLong(value)
        : null;

    /// <summary>A label or key the new run would carry into the DLQ if it failed again, so it is held to the DLQ's limit.</summary>
    private static string TooLong(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"must be at most {ValueLimits.MaxKeyLength} characters; got {value.Length}.");

    private static void ValidateFlowControl(ResumeOverrides overrides)
    {
        bool limits = overrides.Parallelism is not null || overrides.Rate is not null || overrides.Period is not null;
        if (overrides.FlowControlKey is not { } key)
        {
            if (limits)
            {
                throw Refuse(FlowControlValueHeader, $"needs {FlowControlKeyHeader}: the limits are those of a key. Send the key with them.");
            }

            return;
        }

        if (CheckFlowControlKey(key) is { } keyProblem)
        {
            throw Refuse(FlowControlKeyHeader, keyProblem);
        }

        if (overrides.Parallelism is null && overrides.Rate is null)
        {
            throw Refuse(FlowControlValueHeader, $"must give parallelism or rate with {FlowControlKeyHeader} (parallelism=<n>, rate=<n>, period=<duration>); a key without limits is refused, as the official SDK does.");
        }

        if (overrides.Parallelism is < 1)
        {
            throw Refuse(FlowControlValueHeader, $"parallelism must be at least 1; got {overrides.Parallelism}.");
        }

        if (overrides.Rate is < 1)
        {
            throw Refuse(FlowControlValueHeader, $"rate must be at least 1; got {overrides.Rate}.");
        }

        if (overrides.Period is { } period)
        {
            if (overrides.Rate is null)
            {
                throw Refuse(FlowControlValueHeader, "period is the window of rate; give rate with it.");
            }

            if (period < TimeSpan.FromSeconds(1) || period.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw Refuse(FlowControlValueHeader, $"period must be a whole number of seconds, at least one (60, 60s, 5m, 1h or 1d); got {period}.");
            }
        }
    }

    private static void ValidateLabels(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
        {
            throw Refuse(LabelHeader, "must name at least one label; leave it out to keep the original labels.");
        }

        foreach (string label in labels)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                throw Refuse(LabelHeader, "has an empty label; separate labels with single commas (label_1,label_2).");
            }

            if (label.Contains(',', StringComparison.Ordinal) || TextChecks.HasControlCharacter(label))
            {
                throw Refuse(LabelHeader, $"labels are separated by commas and must not contain control characters; '{label}' can't be one label.");
            }

            if (label.Length > ValueLimits.MaxKeyLength)
            {
                throw Refuse(LabelHeader, TooLong(label));
            }
        }
    }

    private static void RequireText(string header, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Refuse(header, "is blank; give a value or leave the header out.");
        }

        if (TextChecks.HasControlCharacter(value))
        {
            throw Refuse(header, "must not contain control characters.");
        }
    }

    private static DlqEngineException Refuse(string header, string problem) =>
        DlqEngineException.BadRequest(header, string.Create(CultureInfo.InvariantCulture, $"{header} {problem}"));
}
