namespace BulkResume;

/// <summary>
/// A workflow step waiting for an event (<c>context.waitForEvent</c>), as <see cref="RunsClient.GetWaitersAsync"/>
/// lists it and a notify answers it.
/// </summary>
/// <remarks>Build one with <see cref="DlqModelFactory.EventWaiter"/> in a test.</remarks>
public sealed class EventWaiter
{
    internal EventWaiter(
        string? url,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        DateTimeOffset? deadline,
        ReadOnlyMemory<byte> timeoutBody,
        string? timeoutUrl,
        IReadOnlyDictionary<string, IReadOnlyList<string>> timeoutHeaders)
    {
        Url = url;
        Headers = headers;
        Deadline = deadline;
        TimeoutBody = timeoutBody;
        TimeoutUrl = timeoutUrl;
        TimeoutHeaders = timeoutHeaders;
    }

    /// <summary>Gets the URL the notification is delivered to: the waiting workflow's.</summary>
    public string? Url { get; }

    /// <summary>Gets the headers delivered with the notification.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets when the wait times out (whole seconds); null when the service did not say.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Gets the body delivered if the wait times out (the service sends it base64-encoded); empty for none.</summary>
    public ReadOnlyMemory<byte> TimeoutBody { get; }

    /// <summary>Gets the URL called if the wait times out.</summary>
    public string? TimeoutUrl { get; }

    /// <summary>Gets the headers sent with the timeout call.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TimeoutHeaders { get; }

    /// <summary>The waiting URL and the deadline (never the headers, which may hold secrets).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Url ?? "(no url)"} until {(Deadline is { } deadline ? deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "(no deadline)")}";
}
