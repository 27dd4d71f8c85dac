using BulkResume.Engine.Http;
using System.Globalization;
using BulkResume.Engine.Model;

namespace BulkResume.Engine.Selection;

/// <summary>
/// What one criterion's values may be, and the form every consumer of a selection compares: text as it is, a time as
/// UTC ticks or Unix milliseconds, a state by its .NET name (as the SQL stores keep it).
/// </summary>
/// <remarks>
/// A value that is not one is a 400 naming the parameter, because a value that selects nothing by mistake would be
/// reported as an empty answer.
/// </remarks>
internal sealed class CriterionValueRule
{
    private const string UnixTimeExpected = "a Unix time in milliseconds (an integer like 1752829295505)";

    private readonly Func<string, string, object> _parse;
    private readonly Action<string, string>? _check;

    private CriterionValueRule(bool isNumber, Func<string, string, object> parse, Action<string, string>? check = null)
    {
        IsNumber = isNumber;
        _parse = parse;
        _check = check;
    }

    /// <summary>Text: not blank, no control character (such as NUL), which a SQL store can't even compare.</summary>
    public static CriterionValueRule Text { get; } = new(isNumber: false, (_, text) => text, CheckText);

    /// <summary>An IPv4 or IPv6 address, as text.</summary>
    public static CriterionValueRule IpAddress { get; } = new(isNumber: false, (_, text) => text, CheckAddress);

    /// <summary>A Unix time in milliseconds, compared as the UTC ticks of its first instant.</summary>
    public static CriterionValueRule TimeFrom { get; } = new(isNumber: true, (name, text) => ParseUnixMilliseconds(name, text).UtcTicks);

    /// <summary>
    /// A Unix time in milliseconds, compared as the UTC ticks of its last instant: the wire shows times in milliseconds,
    /// so what is listed at X must be selected by X even when it happened a fraction of a millisecond after X.
    /// </summary>
    public static CriterionValueRule TimeUntil { get; } = new(isNumber: true, (name, text) => InclusiveEnd(ParseUnixMilliseconds(name, text)).UtcTicks);

    /// <summary>A Unix time in milliseconds, compared to the millisecond.</summary>
    public static CriterionValueRule Millisecond { get; } = new(isNumber: true, (name, text) => ParseUnixMilliseconds(name, text).ToUnixTimeMilliseconds());

    /// <summary>A failure callback state by its wire name, compared by its .NET name.</summary>
    public static CriterionValueRule FailureCallbackState { get; } = new(isNumber: false, (name, text) => WireNames.ParseFailureCallbackState(name, text).ToString());

    /// <summary>A run state by its wire name, compared by its .NET name.</summary>
    public static CriterionValueRule RunState { get; } = new(isNumber: false, (name, text) => WireNames.ParseRunState(name, text).ToString());

    /// <summary>A run as <c>id@createdAt</c> (Unix milliseconds), compared in that form with the milliseconds written plainly.</summary>
    public static CriterionValueRule RunReference { get; } = new(isNumber: false, ParseRunReference, CheckRunReference);

    /// <summary>Whether the values are 64-bit integers (<see cref="long"/>); otherwise they are text.</summary>
    public bool IsNumber { get; }

    /// <summary>The value of <paramref name="text"/> as it was sent for parameter <paramref name="name"/>.</summary>
    public object Parse(string name, string text)
    {
        object value = _parse(name, text);
        Check(name, value);
        return value;
    }

    /// <summary>Refuses a value, in the form it is compared in, that the rule does not allow (a .NET caller's, or one <see cref="Parse"/> read).</summary>
    public void Check(string name, object value)
    {
        if (value is string text)
        {
            _check?.Invoke(name, text);
        }
    }

    /// <summary>A <c>toDate</c> or other inclusive end, to its whole millisecond.</summary>
    public static DateTimeOffset InclusiveEnd(DateTimeOffset time) => time.AddTicks(TimeSpan.TicksPerMillisecond - 1);

    /// <summary>A Unix-milliseconds timestamp; anything else is a 400 naming <paramref name="name"/>.</summary>
    public static DateTimeOffset ParseUnixMilliseconds(string name, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw Malformed(name, text, UnixTimeExpected);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>The 400 of a value that is not what <paramref name="name"/> takes.</summary>
    public static DlqEngineException Malformed(string name, string text, string expected) =>
        DlqEngineException.BadRequest(name, $"{name} must be {expected}; got '{TextChecks.Shorten(text)}'.");

    private static void CheckText(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DlqEngineException.BadRequest(name, $"{name} has a blank value; remove it. Nothing was changed.");
        }

        if (TextChecks.HasControlCharacter(value))
        {
            throw DlqEngineException.BadRequest(name, $"{name} contains a control character (such as NUL); remove it. Nothing was changed.");
        }
    }

    private static string ParseRunReference(string name, string text) =>
        BulkResume.Engine.RunReference.TryParsePair(text) is { } run
            ? run.ToPair()
            : throw DlqEngineException.BadRequest(
                name,
                $"{name} must be runs as id@createdAt (Unix ms), separated by commas, like wfr_a@1752829295505,wfr_b@1752829296505; could not read '{text}'.");

    /// <summary>The run id of a pair (as <see cref="BulkResume.Engine.RunReference"/> writes it) keeps the text rule.</summary>
    private static void CheckRunReference(string name, string pair)
    {
        int at = pair.LastIndexOf('@');
        CheckText(name, at >= 0 ? pair[..at] : pair);
    }

    /// <summary>
    /// A caller IP that is not an address selects nothing, so it is a mistake to report rather than an empty answer (the
    /// client refuses it with the same rule).
    /// </summary>
    private static void CheckAddress(string name, string value)
    {
        CheckText(name, value);
        if (!System.Net.IPAddress.TryParse(value, out _))
        {
            throw DlqEngineException.BadRequest(name, $"{name} '{value}' is not an IP address; give an IPv4 or IPv6 address such as 203.0.113.7. Nothing was changed.");
        }
    }
}
