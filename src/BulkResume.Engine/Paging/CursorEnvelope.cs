using System.Security.Cryptography;
using System.Text;

namespace BulkResume.Engine.Paging;

/// <summary>
/// The frame every opaque cursor shares: base64url of a kind byte, the payload, and a checksum (the first 8 bytes of
/// SHA-256 over everything before it).
/// </summary>
/// <remarks>
/// No secret is involved, so every engine instance over one database accepts every other's cursors; the checksum
/// catches corruption and casual edits, not forgery.
/// </remarks>
internal static class CursorEnvelope
{
    public const int Overhead = 1 + ChecksumLength;

    private const int ChecksumLength = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Frames <paramref name="payload"/> as a cursor of <paramref name="kind"/>.</summary>
    public static string Seal(byte kind, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[Overhead + payload.Length];
        Span<byte> span = bytes;
        span[0] = kind;
        payload.CopyTo(span[1..]);
        int checksumAt = bytes.Length - ChecksumLength;
        SHA256.HashData(span[..checksumAt])[..ChecksumLength].CopyTo(span[checksumAt..]);
        return Base64Url.Encode(bytes);
    }

    /// <summary>The payload of a well-formed cursor of <paramref name="kind"/>, or <see langword="null"/> for anything else.</summary>
    public static byte[]? Open(byte kind, string cursor)
    {
        byte[]? bytes = Base64Url.TryDecode(cursor);
        if (bytes is null || bytes.Length < Overhead || bytes[0] != kind)
        {
            return null;
        }

        ReadOnlySpan<byte> span = bytes;
        int checksumAt = bytes.Length - ChecksumLength;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(span[..checksumAt])[..ChecksumLength], span[checksumAt..])
            ? span[1..checksumAt].ToArray()
            : null;
    }

    /// <summary>
    /// The id a cursor holds, or <see langword="null"/> when it is not one the engine could have issued: cursors carry
    /// no secret, so a forged one must not bring a NUL (which PostgreSQL can't compare) or invalid UTF-8 to the store.
    /// </summary>
    /// <remarks>Its length is not held to the entries' limit: an entry kept before that limit still pages.</remarks>
    public static string? ReadId(ReadOnlySpan<byte> bytes)
    {
        try
        {
            string id = StrictUtf8.GetString(bytes);
            return id.Length > 0 && !TextChecks.HasControlCharacter(id) ? id : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

/// <summary>Base64url without padding (RFC 4648 section 5); net8.0 has no <c>System.Buffers.Text.Base64Url</c>.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? TryDecode(string text)
    {
        if (text.Length % 4 == 1 || text.AsSpan().IndexOfAny("+/=") >= 0)
        {
            return null;
        }

        string padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out int written) ? buffer[..written] : null;
    }
}
