using System.Globalization;
using System.Text;
using BulkResume.Internal.Validation;

namespace BulkResume;

/// <summary>
/// A flow-control override for resumed runs: the key and its limits (parallelism, rate and the rate's period, at least
/// one of parallelism and rate), sent as <c>Upstash-Flow-Control-Key</c> and <c>Upstash-Flow-Control-Value</c>.
/// </summary>
public sealed class FlowControl
{
    /// <summary>Creates a flow-control override.</summary>
    /// <param name="key">The flow-control key; not blank, ASCII without control characters (it is sent in a header).</param>
    /// <param name="parallelism">How many runs of the key may run at once; at least 1 when given.</param>
    /// <param name="rate">How many runs of the key may start per <paramref name="period"/>; at least 1 when given.</param>
    /// <param name="period">The window of <paramref name="rate"/>, in whole seconds, at least one second; only with <paramref name="rate"/>. Null for the service's default window.</param>
    /// <exception cref="ArgumentException">The key is blank or not header text, neither parallelism nor rate is given, or a period is given without a rate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public FlowControl(string key, int? parallelism = null, int? rate = null, TimeSpan? period = null)
    {
        WireText.EnsureValue(key, nameof(key), "The flow-control key", "the key the resumed runs should use");
        WireText.EnsureAscii(key, nameof(key), "The flow-control key");

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

        // As the TypeScript SDK does: a key without limits is refused, and a period is only the window of a rate.
        if (parallelism is null && rate is null)
        {
            throw new ArgumentException("A flow-control override needs a limit: pass parallelism, rate (with an optional period), or both.", nameof(parallelism));
        }

        if (period is not null && rate is null)
        {
            throw new ArgumentException("Period is the window of the rate: pass rate as well, or leave period null.", nameof(period));
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

    /// <summary>The <c>Upstash-Flow-Control-Value</c> header: <c>parallelism=2, rate=10, period=60s</c>, the limits given, in that order.</summary>
    internal string HeaderValue { get; }

    private static string FormatHeaderValue(int? parallelism, int? rate, TimeSpan? period)
    {
        var value = new StringBuilder();
        Append(value, "parallelism", parallelism?.ToString(CultureInfo.InvariantCulture));
        Append(value, "rate", rate?.ToString(CultureInfo.InvariantCulture));
        Append(value, "period", period is { } window ? ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : null);
        return value.ToString();
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
