using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http.Auth;

/// <summary>
/// Checks the token, sent as <c>Authorization: Bearer &lt;token&gt;</c> or as the query parameter <c>qstash_token</c>
/// (both are the service's; each one given must be right), in constant time (comparing hashes, so the length leaks
/// nothing either). Its messages never contain the token, the expected one or the presented one.
/// </summary>
internal sealed class BearerTokenAuthenticator(string token)
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _expectedHash = Hash(token);

    /// <summary><see langword="null"/> when the request carries the token, otherwise why not.</summary>
    public string? Problem(DlqApiRequest request)
    {
        IReadOnlyList<string> headers = request.HeaderValues("Authorization");
        IReadOnlyList<string> queryTokens = request.Query.GetValueOrDefault(AllowedParameters.TokenParameter, []);
        if (headers.Count == 0 && queryTokens.Count == 0)
        {
            return $"Missing Authorization header; send Authorization: Bearer followed by your token (or the query parameter {AllowedParameters.TokenParameter}).";
        }

        if (headers.Count > 1 || (headers.Count == 1 && !headers[0].StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)))
        {
            return "Malformed Authorization header; send Authorization: Bearer followed by your token.";
        }

        if (queryTokens.Count > 1)
        {
            return $"{AllowedParameters.TokenParameter} was given {queryTokens.Count} times; give it once.";
        }

        bool valid = (headers.Count == 0 || Matches(headers[0][Scheme.Length..].Trim()))
            & (queryTokens.Count == 0 || Matches(queryTokens[0]));
        return valid ? null : "Invalid token; check the token you configured.";
    }

    private bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash(presented), _expectedHash);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
