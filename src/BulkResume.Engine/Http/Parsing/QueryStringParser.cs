using System.Globalization;
using System.Text;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Parses a raw query string (<c>?a=1&amp;a=2&amp;b=x%20y</c>) into decoded names and values, keeping repeated keys.
/// </summary>
/// <remarks>
/// The percent-encoded bytes must be UTF-8: a lenient decoder would turn <c>%FF%FE</c> into U+FFFD and select by a
/// value nobody sent, so such a pair is left out and reported.
/// </remarks>
internal static class QueryStringParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The pairs, and the 400 of the first pair that is not UTF-8 (named as sent when its name is the part at fault).</summary>
    public static List<KeyValuePair<string, IReadOnlyList<string>>> Parse(string? queryString, out DlqEngineException? problem)
    {
        problem = null;
        var pairs = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (string part in (queryString ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string rawName = equals < 0 ? part : part[..equals];
            string? name = Decode(rawName);
            string? value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            if (name is null || value is null)
            {
                problem ??= DlqEngineException.BadRequest(
                    name ?? rawName,
                    $"{name ?? rawName} is not UTF-8 once percent-decoded; encode text as UTF-8 (é is %C3%A9). Nothing was changed.");
                continue;
            }

            pairs.Add(new KeyValuePair<string, IReadOnlyList<string>>(name, [value]));
        }

        return pairs;
    }

    /// <summary>The text, or <see langword="null"/> when its bytes are not UTF-8; a '%' without two hex digits is kept as it is.</summary>
    private static string? Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        int plain = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte escaped))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[plain..i].Replace('+', ' ')));
                bytes.Add(escaped);
                i += 2;
                plain = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(text[plain..].Replace('+', ' ')));
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
