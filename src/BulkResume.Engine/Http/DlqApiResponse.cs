using System.Collections.ObjectModel;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http;

/// <summary>An answer of the DLQ API, free of any transport: status, headers and a UTF-8 JSON body.</summary>
public sealed class DlqApiResponse
{
    /// <summary>Creates a response.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The UTF-8 JSON body; empty for none.</param>
    /// <param name="headers">Headers besides <c>Content-Type</c>; <see langword="null"/> for none.</param>
    public DlqApiResponse(int status, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        Status = status;
        Body = body;
        Headers = headers is null || headers.Count == 0
            ? ReadOnlyDictionary<string, string>.Empty
            : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>Headers besides <c>Content-Type</c> (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The UTF-8 JSON body; empty for none.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>An error answer as the API gives them: <c>{"error": message}</c>.</summary>
    /// <param name="status">The HTTP status, 400 to 599.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <returns>The response.</returns>
    public static DlqApiResponse Error(int status, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentNullException.ThrowIfNull(message);
        return Wire.DlqApiResponses.Error(status, message);
    }
}
