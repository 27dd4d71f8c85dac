using System.Security.Cryptography;
using System.Text;

namespace BulkResume.Engine.Http.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;token&gt;</c> in constant time (comparing hashes, so the length leaks nothing
/// either). Its messages never contain the token, the expected one or the presented one.
/// </summary>
internal sealed class BearerTokenAuthenticator(string token)
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _expectedHash = Hash(token);

    /// <summary><see langword="null"/> when the request carries the token, otherwise why not.</summary>
    public string? Problem(DlqApiRequest request)
    {
        IReadOnlyList<string> values = request.HeaderValues("Authorization");
        if (values.Count == 0)
        {
            return "Missing Authorization header; send Authorization: Bearer followed by your token.";
        }

        string presented = values[0];
        if (values.Count > 1 || !presented.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "Malformed Authorization header; send Authorization: Bearer followed by your token.";
        }

        return CryptographicOperations.FixedTimeEquals(Hash(presented[Scheme.Length..].Trim()), _expectedHash)
            ? null
            : "Invalid token; check the token you configured.";
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
