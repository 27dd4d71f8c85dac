using System.Globalization;
using System.Net;

namespace BulkResume.Internal.Validation;

/// <summary>
/// The one rule for text the client puts on the wire (filter values, DLQ ids, override values): nothing the service
/// would drop or split.
/// </summary>
/// <remarks>
/// The service drops a blank value and splits a multi-value parameter's value on commas (<c>label=a,b</c> means a OR
/// b), so <c>WithLabel(",")</c> sent as is would select every entry. A control character (NUL, CR, LF, ...) can't be
/// matched and may be cut or refused on the way. Refused before anything is sent.
/// </remarks>
internal static class WireText
{
    /// <summary>Refuses a null or blank value, or one with a control character.</summary>
    /// <param name="value">The value.</param>
    /// <param name="parameterName">The caller's parameter, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="subject">What the value is, for the message: <c>The label given to ResumeFilter.WithLabel</c>.</param>
    /// <param name="expected">What to pass instead, for the message: <c>a label the runs were triggered with</c>.</param>
    public static void EnsureValue(string? value, string parameterName, string subject, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{subject} is blank. Pass {expected}.", parameterName);
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{subject} has a control character (U+{(int)value[i]:X4}) at index {i}, which the service can't match. Pass {expected}, without control characters."),
                    parameterName);
            }
        }
    }

    /// <summary><see cref="EnsureValue"/>, and no comma: the value goes to a parameter the service splits on commas.</summary>
    /// <param name="value">The value.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="subject">What the value is, for the message.</param>
    /// <param name="expected">What to pass instead, for the message.</param>
    /// <param name="commaFix">What to do about a comma, for the message.</param>
    public static void EnsureListValue(string? value, string parameterName, string subject, string expected, string commaFix)
    {
        EnsureValue(value, parameterName, subject, expected);
        var comma = value!.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{subject} has a comma at index {comma}: the service splits this parameter's values on commas (a,b means a OR b), so it would select more than you named. {commaFix}"),
                parameterName);
        }
    }

    /// <summary>
    /// Refuses a header value with a character outside ASCII: HTTP headers carry ASCII, and the HTTP stack would refuse
    /// it only while sending, where the client can't tell whether the request got out.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="subject">What the value is, for the message.</param>
    /// <remarks>Call after <see cref="EnsureValue"/>.</remarks>
    public static void EnsureAscii(string value, string parameterName, string subject)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAscii(value[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{subject} has '{value[i]}' at index {i}: it is sent in an HTTP header, which carries ASCII only. Use ASCII letters, digits and punctuation."),
                    parameterName);
            }
        }
    }

    /// <summary>A workflow URL for a filter: <see cref="EnsureListValue"/>, then an absolute http or https URL.</summary>
    /// <param name="value">The URL.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="subject">What the value is, for the message.</param>
    /// <param name="commaFix">How else to select what the URL would, for the message.</param>
    public static void EnsureWorkflowUrl(string? value, string parameterName, string subject, string commaFix)
    {
        const string Expected = "an absolute http or https URL, as the workflow was triggered, such as https://example.com/api/workflow";
        EnsureListValue(value, parameterName, subject, Expected, $"A URL with a comma can't be selected by this filter. {commaFix}");

        // On Unix "/api/x" parses as an absolute file:// URI: only the scheme tells it from a workflow URL.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !WorkflowClientOptions.IsHttp(url))
        {
            throw new ArgumentException($"{subject} is not an absolute http or https URL. Pass {Expected}.", parameterName);
        }
    }

    /// <summary>A caller IP for a filter: <see cref="EnsureValue"/>, then an IPv4 or IPv6 address (which has no comma).</summary>
    /// <param name="value">The address.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="subject">What the value is, for the message.</param>
    public static void EnsureIpAddress(string? value, string parameterName, string subject)
    {
        const string Expected = "an IPv4 or IPv6 address such as 203.0.113.7";
        EnsureValue(value, parameterName, subject, Expected);
        if (!IPAddress.TryParse(value, out _))
        {
            throw new ArgumentException($"{subject} is not an IP address. Pass {Expected}.", parameterName);
        }
    }
}
