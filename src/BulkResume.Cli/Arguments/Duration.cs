using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>Durations such as <c>45s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c> or <c>1w</c>: a non-negative number and a unit.</summary>
internal static class Duration
{
    /// <summary>Parses a number followed by s, m, h, d or w; with <paramref name="bareSeconds"/> a number alone means seconds.</summary>
    public static bool TryParse(string text, bool bareSeconds, out TimeSpan duration)
    {
        duration = default;
        if (text.Length == 0)
        {
            return false;
        }

        var hasUnit = char.IsAsciiLetter(text[^1]);
        if (!hasUnit && !bareSeconds)
        {
            return false;
        }

        var number = hasUnit ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        TimeSpan? unit = (hasUnit ? char.ToLowerInvariant(text[^1]) : 's') switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        duration = unit.Value * value;
        return true;
    }
}
