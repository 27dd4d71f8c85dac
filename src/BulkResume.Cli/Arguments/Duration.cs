using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>
/// The contract's durations, as the engine reads them in <c>Upstash-Delay</c> and the flow-control period: a whole
/// number and a unit <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>10s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>).
/// </summary>
/// <remarks>
/// The engine keeps its own copy (the two sides meet only on the wire); <c>SharedRulesTests</c> sends every duration
/// through both, so the CLI never takes a duration the service would refuse, nor refuses one it takes.
/// </remarks>
internal static class Duration
{
    /// <summary>The grammar in the engine's words, for every error about a duration.</summary>
    public const string Grammar = "<value><unit> with a whole value and unit s, m, h or d";

    /// <summary>Reads a duration; unless <paramref name="unitRequired"/>, a number alone is seconds, as in the flow-control period.</summary>
    public static bool TryParse(string text, bool unitRequired, out TimeSpan duration)
    {
        duration = default;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
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
