using System.Text.RegularExpressions;

namespace BulkResume.Internal.Http;

/// <summary>
/// Takes the client's token, and any credential that looks like one, out of text the client puts into an exception:
/// a proxy or a stub that echoes the request back must not put <c>Authorization: Bearer ...</c> into <c>ToString()</c>.
/// </summary>
internal sealed partial class SecretRedactor(string token)
{
    public const string Mark = "[redacted]";

    /// <summary>The text without the token, without an <c>Authorization</c> header's value and without a bearer credential.</summary>
    public string Redact(string text)
    {
        // A very short token would redact ordinary words; the header and bearer patterns still catch it where it is sent.
        if (token.Length >= 8)
        {
            text = text.Replace(token, Mark, StringComparison.Ordinal);
        }

        text = AuthorizationHeader().Replace(text, "$1: " + Mark);
        return BearerCredential().Replace(text, "Bearer " + Mark);
    }

    [GeneratedRegex(@"\b((?:proxy-)?authorization)\s*[:=]\s*[^\r\n,;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\bbearer\s+(?!\[redacted\])[^\s""',;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredential();
}
