using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http;

/// <summary>
/// Who may call a <see cref="DlqHttpApi"/>: the callers that present its token, as
/// <c>Authorization: Bearer &lt;token&gt;</c> or as the query parameter <c>qstash_token</c> (both the service's; each
/// one given must be right), or anyone, for a local emulator that serves without authentication.
/// </summary>
/// <remarks>
/// The token is compared in constant time (as hashes, so its length leaks nothing either), and no message ever contains
/// it, the expected one or the presented one.
/// </remarks>
public sealed class DlqApiAuthentication
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _expectedHash;

    private DlqApiAuthentication(byte[]? expectedHash) => _expectedHash = expectedHash;

    /// <summary>Every caller is served, with or without a token: only for an emulator that serves itself alone.</summary>
    public static DlqApiAuthentication Anonymous { get; } = new(expectedHash: null);

    /// <summary>Callers must present <paramref name="token"/>.</summary>
    /// <param name="token">The token; not blank.</param>
    /// <returns>The authentication.</returns>
    public static DlqApiAuthentication Token(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new DlqApiAuthentication(Hash(token));
    }

    /// <summary>Whether the request may be served.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="null"/> when it may, otherwise why not (to answer with a <c>401</c>).</returns>
    public string? Check(DlqApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_expectedHash is null)
        {
            return null;
        }

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
