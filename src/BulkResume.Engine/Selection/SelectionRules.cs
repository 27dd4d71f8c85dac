using System.Globalization;

namespace BulkResume.Engine.Selection;

/// <summary>The checks every operation applies to the entries it is asked about; each failure is a 400 (or 404) that changes nothing.</summary>
internal static class SelectionRules
{
    /// <summary>The date range is not reversed, and an id selection has at most <paramref name="maxIds"/> non-empty ids.</summary>
    public static void Validate(DlqSelection selection, int maxIds)
    {
        if (selection is { FromDate: { } from, ToDate: { } to } && from > to)
        {
            throw DlqEngineException.BadRequest(
                "fromDate",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"fromDate ({from.ToUnixTimeMilliseconds()}) is after toDate ({to.ToUnixTimeMilliseconds()}); swap them or widen the range."));
        }

        if (selection.IsByIds)
        {
            ValidateIds(selection.DlqIds, maxIds);
        }
    }

    public static void ValidateIds(IReadOnlyList<string> dlqIds, int maxIds)
    {
        if (dlqIds.Count > maxIds)
        {
            throw DlqEngineException.BadRequest(
                "dlqIds",
                $"dlqIds has {dlqIds.Count} ids; at most {maxIds} can be given per request. Split the ids into requests of {maxIds}.");
        }

        if (dlqIds.Any(string.IsNullOrWhiteSpace))
        {
            throw DlqEngineException.BadRequest("dlqIds", "dlqIds contains an empty id; remove it.");
        }
    }

    public static void ValidateId(string dlqId)
    {
        if (string.IsNullOrWhiteSpace(dlqId))
        {
            throw DlqEngineException.BadRequest("dlqId", "dlqId is empty; give the id of a DLQ message (like 1752829295505-0).");
        }
    }

    public static DlqEngineException NotFound(string dlqId) =>
        new(DlqErrorKind.NotFound, $"DLQ message {dlqId} was not found", "dlqId");
}
