using System.Globalization;
using BulkResume.Engine.Resume;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads the override headers into <see cref="ResumeOverrides"/>: what each says, a 400 naming the header when it can't
/// be read.
/// </summary>
/// <remarks>
/// What the values may be is <see cref="ResumeOverrideRules"/>'s, which the engine applies to every override.
/// </remarks>
internal static class OverrideHeaderParser
{
    private const string ValueFormat = "parallelism=<n>, rate=<n>, period=<duration> (any of them, each once; period like 60, 60s, 5m, 1h or 1d)";

    public static ResumeOverrides Parse(DlqApiRequest request)
    {
        (int? parallelism, int? rate, TimeSpan? period) = ParseFlowControlValue(request);
        return new ResumeOverrides
        {
            FlowControlKey = SingleHeader(request, ResumeOverrideRules.FlowControlKeyHeader),
            Parallelism = parallelism,
            Rate = rate,
            Period = period,
            Retries = SingleHeader(request, ResumeOverrideRules.RetriesHeader) is { } retries
                ? int.TryParse(retries, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                    ? value
                    : throw Malformed(ResumeOverrideRules.RetriesHeader, "must be a whole number of 0 or more", retries)
                : null,
            Delay = SingleHeader(request, ResumeOverrideRules.DelayHeader) is { } delay
                ? Duration.TryParse(delay, unitRequired: true, out TimeSpan wait)
                    ? wait
                    : throw Malformed(ResumeOverrideRules.DelayHeader, "must be <value><unit> with a whole value and unit s, m, h or d (10s, 5m)", delay)
                : null,
            RetryDelay = SingleHeader(request, ResumeOverrideRules.RetryDelayHeader),
            Labels = SingleHeader(request, ResumeOverrideRules.LabelHeader)?.Split(',', StringSplitOptions.TrimEntries),
            FailureCallback = SingleHeader(request, ResumeOverrideRules.FailureCallbackHeader),
        };
    }

    private static (int? Parallelism, int? Rate, TimeSpan? Period) ParseFlowControlValue(DlqApiRequest request)
    {
        if (SingleHeader(request, ResumeOverrideRules.FlowControlValueHeader) is not { } header)
        {
            return (null, null, null);
        }

        int? parallelism = null;
        int? rate = null;
        TimeSpan? period = null;
        foreach (string part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals].Trim();
            string value = equals < 0 ? string.Empty : part[(equals + 1)..].Trim();
            switch (name)
            {
                case "parallelism" when parallelism is null && TryParseWhole(value, out int p):
                    parallelism = p;
                    break;
                case "rate" when rate is null && TryParseWhole(value, out int r):
                    rate = r;
                    break;
                case "period" when period is null && Duration.TryParse(value, unitRequired: false, out TimeSpan d):
                    period = d;
                    break;
                default:
                    throw DlqEngineException.BadRequest(
                        ResumeOverrideRules.FlowControlValueHeader,
                        $"{ResumeOverrideRules.FlowControlValueHeader} must be {ValueFormat}; could not read '{part}'.");
            }
        }

        return (parallelism, rate, period);
    }

    private static bool TryParseWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>The one value of a header, trimmed; a header given twice or blank is a 400.</summary>
    private static string? SingleHeader(DlqApiRequest request, string name)
    {
        IReadOnlyList<string> values = request.HeaderValues(name);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw DlqEngineException.BadRequest(name, $"{name} was given {values.Count} times; give it once.");
        }

        string value = values[0].Trim();
        return value.Length > 0 ? value : throw DlqEngineException.BadRequest(name, $"{name} is blank; give a value or leave the header out.");
    }

    private static DlqEngineException Malformed(string name, string expected, string got) =>
        DlqEngineException.BadRequest(name, $"{name} {expected}; got '{got}'.");
}
