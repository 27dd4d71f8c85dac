using System.Globalization;
using System.Text;

namespace BulkResume;

/// <summary>
/// A flow-control override for resumed runs: the key, and optionally parallelism, rate and period,
/// sent as <c>Upstash-Flow-Control-Key</c> and <c>Upstash-Flow-Control-Value</c>.
/// </summary>
public sealed class FlowControl
{
    /// <summary>Creates a flow-control override.</summary>
    /// <param name="key">The flow-control key; not blank.</param>
    /// <param name="parallelism">How many runs of the key may run at once; at least 1 when given.</param>
    /// <param name="rate">How many runs of the key may start per <paramref name="period"/>; at least 1 when given.</param>
    /// <param name="period">The window of <paramref name="rate"/>, in whole seconds, at least one second when given.</param>
    public FlowControl(string key, int? parallelism = null, int? rate = null, TimeSpan? period = null)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("The flow-control key is blank. Pass the key the resumed runs should use.", nameof(key));
        }

        if (parallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Parallelism must be at least 1, or null to keep the original value.");
        }

        if (rate is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Rate must be at least 1, or null to keep the original value.");
        }

        if (period is { } window && (window < TimeSpan.FromSeconds(1) || window.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be a whole number of seconds, at least one, or null to keep the original value.");
        }

        Key = key;
        Parallelism = parallelism;
        Rate = rate;
        Period = period;
        HeaderValue = FormatHeaderValue(parallelism, rate, period);
    }

    /// <summary>The flow-control key.</summary>
    public string Key { get; }

    /// <summary>The parallelism override, if any.</summary>
    public int? Parallelism { get; }

    /// <summary>The rate override, if any.</summary>
    public int? Rate { get; }

    /// <summary>The period override, if any.</summary>
    public TimeSpan? Period { get; }

    /// <summary>The <c>Upstash-Flow-Control-Value</c> header: <c>parallelism=2, rate=10, period=60s</c>, or null when nothing but the key is set.</summary>
    internal string? HeaderValue { get; }

    private static string? FormatHeaderValue(int? parallelism, int? rate, TimeSpan? period)
    {
        var value = new StringBuilder();
        Append(value, "parallelism", parallelism?.ToString(CultureInfo.InvariantCulture));
        Append(value, "rate", rate?.ToString(CultureInfo.InvariantCulture));
        Append(value, "period", period is { } window ? ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : null);
        return value.Length == 0 ? null : value.ToString();
    }

    private static void Append(StringBuilder builder, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append(", ");
        }

        builder.Append(name).Append('=').Append(value);
    }
}
