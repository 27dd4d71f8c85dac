using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// The <c>Upstash-Signature</c> of a delivery: a JWT (HS256, keyed by the UTF-8 bytes of the current signing key) whose
/// claims the SDK's receiver checks: <c>iss</c> <c>Upstash</c>, <c>nbf</c> and <c>exp</c> (five minutes), and
/// <c>body</c>, the base64url SHA-256 of the exact bytes delivered; <c>sub</c> is the destination.
/// </summary>
internal static class DeliverySignature
{
    /// <summary>How long a signature is valid, as the service's: a delivery retried later is signed again.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    /// <summary>Signs <paramref name="body"/> as delivered to <paramref name="url"/> at <paramref name="now"/>.</summary>
    /// <param name="key">The key that signs.</param>
    /// <param name="url">The destination.</param>
    /// <param name="body">The exact bytes delivered.</param>
    /// <param name="now">The time of sending.</param>
    /// <returns>The compact JWT.</returns>
    public static string Sign(string key, string url, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        long issued = now.ToUnixTimeSeconds();
        var claims = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(claims))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", "Upstash");
            writer.WriteString("sub", url);
            writer.WriteNumber("exp", issued + (long)Lifetime.TotalSeconds);
            writer.WriteNumber("nbf", issued);
            writer.WriteNumber("iat", issued);
            writer.WriteString("jti", "jwt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant());
            writer.WriteString("body", Base64Url(SHA256.HashData(body)));
            writer.WriteEndObject();
        }

        string signingInput = Base64Url(Header) + "." + Base64Url(claims.WrittenSpan);
        byte[] signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Base64url without padding (RFC 7515), which net8.0 has no call for.</summary>
    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
