using System.Globalization;
using BulkResume.Engine.Resume;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads the override headers: <c>Upstash-Flow-Control-Key</c>, <c>Upstash-Flow-Control-Value</c>
/// (<c>parallelism=&lt;n&gt;, rate=&lt;n&gt;, period=&lt;duration&gt;</c>, any subset) and <c>Upstash-Retries</c>.
/// </summary>
internal static class OverrideHeaderParser
{
    public const string FlowControlKeyHeader = "Upstash-Flow-Control-Key";
    public const string FlowControlValueHeader = "Upstash-Flow-Control-Value";
    public const string RetriesHeader = "Upstash-Retries";

    private const string ValueFormat = "parallelism=<n>, rate=<n>, period=<duration> (any subset; period like 60, 60s, 500ms, 5m, 1h or 1d)";

    public static ResumeOverrides Parse(DlqApiRequest request)
    {
        string? key = SingleHeader(request, FlowControlKeyHeader);
        if (key is not null)
        {
            Check(FlowControlKeyHeader, ResumeOverrideRules.CheckFlowControlKey(key));
        }

        (int? parallelism, int? rate, TimeSpan? period) = ParseFlowControlValue(request);
        string? retriesText = SingleHeader(request, RetriesHeader);
        int? retries = null;
        if (retriesText is not null)
        {
            retries = int.TryParse(retriesText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw DlqEngineException.BadRequest(RetriesHeader, $"{RetriesHeader} must be a whole number of 0 or more; got '{retriesText}'.");
            Check(RetriesHeader, ResumeOverrideRules.CheckRetries(value));
        }

        return new ResumeOverrides { FlowControlKey = key, Parallelism = parallelism, Rate = rate, Period = period, Retries = retries };
    }

    private static (int? Parallelism, int? Rate, TimeSpan? Period) ParseFlowControlValue(DlqApiRequest request)
    {
        IReadOnlyList<string> values = request.HeaderValues(FlowControlValueHeader);
        if (values.Count == 0)
        {
            return (null, null, null);
        }

        int? parallelism = null;
        int? rate = null;
        TimeSpan? period = null;
        string[] parts = string.Join(',', values).Split(',', StringSplitOptions.TrimEntries);
        foreach (string part in parts)
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals].Trim().ToLowerInvariant();
            string value = equals < 0 ? string.Empty : part[(equals + 1)..].Trim();
            switch (name)
            {
                case "parallelism" when parallelism is null && TryParseWhole(value, out int p):
                    Check(FlowControlValueHeader + " parallelism", ResumeOverrideRules.CheckParallelism(p));
                    parallelism = p;
                    break;
                case "rate" when rate is null && TryParseWhole(value, out int r):
                    Check(FlowControlValueHeader + " rate", ResumeOverrideRules.CheckRate(r));
                    rate = r;
                    break;
                case "period" when period is null && TryParsePeriod(value, out TimeSpan d):
                    Check(FlowControlValueHeader + " period", ResumeOverrideRules.CheckPeriod(d));
                    period = d;
                    break;
                default:
                    throw DlqEngineException.BadRequest(
                        FlowControlValueHeader,
                        $"{FlowControlValueHeader} must be {ValueFormat}, each at most once; could not read '{part}'.");
            }
        }

        return (parallelism, rate, period);
    }

    private static bool TryParseWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>A bare number is seconds; otherwise a number with one of the units ms, s, m, h, d.</summary>
    private static bool TryParsePeriod(string text, out TimeSpan period)
    {
        period = default;
        int digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            return false;
        }

        TimeSpan? unit = text[digits..] switch
        {
            "" or "s" => TimeSpan.FromSeconds(1),
            "ms" => TimeSpan.FromMilliseconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => null,
        };
        if (unit is not { } size || amount > TimeSpan.MaxValue.Ticks / size.Ticks)
        {
            return false;
        }

        period = TimeSpan.FromTicks(amount * size.Ticks);
        return true;
    }

    private static string? SingleHeader(DlqApiRequest request, string name)
    {
        IReadOnlyList<string> values = request.HeaderValues(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0].Trim(),
            _ => throw DlqEngineException.BadRequest(name, $"{name} was given {values.Count} times; give it once."),
        };
    }

    private static void Check(string name, string? problem)
    {
        if (problem is not null)
        {
            throw DlqEngineException.BadRequest(name, $"{name} {problem}");
        }
    }
}
