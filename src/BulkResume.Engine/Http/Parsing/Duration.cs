using System.Globalization;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>The durations of the headers: a whole number and a unit <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>10s</c>, <c>5m</c>).</summary>
/// <remarks>
/// The contract's grammar, the only one: the CLI keeps its own copy for its flags (the two sides meet only on the wire),
/// and <c>SharedRulesTests</c> sends every duration through both.
/// </remarks>
internal static class Duration
{
    /// <summary>Reads a duration; <see langword="false"/> for anything outside the grammar or beyond <see cref="TimeSpan.MaxValue"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="unitRequired">Whether a bare number (seconds) is refused, as in <c>Upstash-Delay</c>.</param>
    /// <param name="duration">The duration read.</param>
    public static bool TryParse(string text, bool unitRequired, out TimeSpan duration)
    {
        duration = default;
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
            "" when !unitRequired => TimeSpan.FromSeconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => null,
        };
        if (unit is not { } size || amount > TimeSpan.MaxValue.Ticks / size.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(amount * size.Ticks);
        return true;
    }
}
