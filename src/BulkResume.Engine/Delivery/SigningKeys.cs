namespace BulkResume.Engine.Delivery;

/// <summary>
/// The two keys deliveries to workflow endpoints are signed with (<c>Upstash-Signature</c>, HS256): the current one,
/// which signs, and the next one, which endpoints also accept so that keys can be rolled.
/// </summary>
/// <remarks>
/// An endpoint configured with <c>QSTASH_CURRENT_SIGNING_KEY</c> and <c>QSTASH_NEXT_SIGNING_KEY</c> set to these verifies
/// every delivery; <c>GET /v2/keys</c> answers them. <see cref="ToString"/> names neither key.
/// </remarks>
public sealed record SigningKeys
{
    /// <summary>Creates the pair.</summary>
    /// <param name="current">The key that signs; not blank.</param>
    /// <param name="next">The key endpoints also accept; not blank.</param>
    /// <exception cref="ArgumentException">A key is blank.</exception>
    public SigningKeys(string current, string next)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(next);
        Current = current;
        Next = next;
    }

    /// <summary>
    /// The keys of the service's local development server (<c>QSTASH_DEV=true</c>), which the official SDK uses without
    /// being told: an endpoint configured for that server verifies deliveries signed with them.
    /// </summary>
    public static SigningKeys Dev { get; } = new("sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs");

    /// <summary>The key that signs every delivery.</summary>
    public string Current { get; }

    /// <summary>The key endpoints accept besides <see cref="Current"/>.</summary>
    public string Next { get; }

    /// <summary>Names the type only: the keys are secrets.</summary>
    /// <returns><c>SigningKeys { *** }</c>.</returns>
    public override string ToString() => "SigningKeys { *** }";
}
