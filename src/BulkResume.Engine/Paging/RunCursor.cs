using System.Security.Cryptography;
using System.Text;

namespace BulkResume.Engine.Paging;

/// <summary>
/// The opaque cursor of run logs, in a <see cref="CursorEnvelope"/> of kind 2: a fingerprint of the
/// <c>workflowRunId</c> filter (16 bytes), then the last run id returned (UTF-8), so a cursor only continues the
/// filter it came from.
/// </summary>
internal static class RunCursor
{
    public const string InvalidMessage =
        "cursor is not valid for this workflowRunId filter; start without a cursor or reuse the workflowRunId it came from";

    private const byte Kind = 2;
    private const int FingerprintLength = 16;

    public static string Encode(string afterRunId, string? workflowRunId)
    {
        byte[] id = Encoding.UTF8.GetBytes(afterRunId);
        var payload = new byte[FingerprintLength + id.Length];
        Fingerprint(workflowRunId).CopyTo(payload, 0);
        id.CopyTo(payload, FingerprintLength);
        return CursorEnvelope.Seal(Kind, payload);
    }

    /// <summary>The run id to continue after; a cursor of another filter, or no cursor at all, is a 400 naming <c>cursor</c>.</summary>
    public static string Decode(string cursor, string? workflowRunId)
    {
        byte[]? payload = CursorEnvelope.Open(Kind, cursor);
        if (payload is null
            || payload.Length <= FingerprintLength
            || !payload.AsSpan(0, FingerprintLength).SequenceEqual(Fingerprint(workflowRunId)))
        {
            throw DlqEngineException.BadRequest("cursor", InvalidMessage);
        }

        return Encoding.UTF8.GetString(payload.AsSpan(FingerprintLength));
    }

    // "-" for no filter, "=" + value for one, so that no filter and an empty one differ.
    private static byte[] Fingerprint(string? workflowRunId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(workflowRunId is null ? "runs-" : "runs=" + workflowRunId))[..FingerprintLength];
}
