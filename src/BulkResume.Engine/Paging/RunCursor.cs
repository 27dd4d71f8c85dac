using System.Text;

namespace BulkResume.Engine.Paging;

/// <summary>
/// The opaque cursor of run logs, in a <see cref="CursorEnvelope"/> of kind 2: the fingerprint of the run selection
/// (16 bytes), then the last run id returned (UTF-8), so a cursor only continues the selection it came from.
/// </summary>
internal static class RunCursor
{
    public const string InvalidMessage =
        "cursor is not valid for these filters; start without a cursor or reuse the filters it came from";

    private const byte Kind = 2;

    public static string Encode(string afterRunId, RunSelection selection)
    {
        byte[] id = Encoding.UTF8.GetBytes(afterRunId);
        var payload = new byte[SelectionFingerprint.Length + id.Length];
        SelectionFingerprint.Compute(selection).CopyTo(payload, 0);
        id.CopyTo(payload, SelectionFingerprint.Length);
        return CursorEnvelope.Seal(Kind, payload);
    }

    /// <summary>The run id to continue after; a cursor of other filters, or no cursor at all, is a 400 naming <c>cursor</c>.</summary>
    public static string Decode(string cursor, RunSelection selection)
    {
        byte[]? payload = CursorEnvelope.Open(Kind, cursor);
        if (payload is null
            || payload.Length <= SelectionFingerprint.Length
            || !payload.AsSpan(0, SelectionFingerprint.Length).SequenceEqual(SelectionFingerprint.Compute(selection))
            || CursorEnvelope.ReadId(payload.AsSpan(SelectionFingerprint.Length)) is not { } id)
        {
            throw DlqEngineException.BadRequest("cursor", InvalidMessage);
        }

        return id;
    }
}
