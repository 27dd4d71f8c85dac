using System.Globalization;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The checks every operation applies to the entries it is asked about, however the selection was made (the query
/// string, or a .NET caller); each failure is a 400 (or 404) that changes nothing.
/// </summary>
internal static class SelectionRules
{
    /// <summary>
    /// The date range is not reversed, no value is blank or holds a control character (which a SQL store can't even
    /// compare), and an id selection has at most <paramref name="maxIds"/> ids.
    /// </summary>
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

        CheckValues("workflowUrl", selection.WorkflowUrls);
        CheckValues("workflowRunId", selection.WorkflowRunId is { } runId ? [runId] : []);
        CheckValues("label", selection.Labels);
        CheckValues("flowControlKey", selection.FlowControlKeys);
        CheckAddresses("callerIp", selection.CallerIps);
        if (selection.IsByIds)
        {
            ValidateIds(selection.DlqIds, maxIds);
        }
    }

    /// <summary>The date range of a run-logs selection is not reversed, and no value is blank or holds a control character.</summary>
    public static void Validate(RunSelection selection)
    {
        if (selection is { FromDate: { } from, ToDate: { } to } && from > to)
        {
            throw DlqEngineException.BadRequest(
                "fromDate",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"fromDate ({from.ToUnixTimeMilliseconds()}) is after toDate ({to.ToUnixTimeMilliseconds()}); swap them or widen the range."));
        }

        CheckValues("workflowRuns", selection.Runs.Select(run => run.WorkflowRunId).ToArray());
        CheckValues("workflowRunId", selection.WorkflowRunId is { } runId ? [runId] : []);
        CheckValues("workflowUrl", selection.WorkflowUrl is { } url ? [url] : []);
        CheckValues("label", selection.Labels);
        CheckValues("flowControlKey", selection.FlowControlKey is { } key ? [key] : []);
        CheckAddresses("callerIp", selection.CallerIp is { } ip ? [ip] : []);
    }

    public static void ValidateIds(IReadOnlyList<string> dlqIds, int maxIds)
    {
        if (dlqIds.Count > maxIds)
        {
            throw DlqEngineException.BadRequest(
                "dlqIds",
                $"dlqIds has {dlqIds.Count} ids; at most {maxIds} can be given per request. Split the ids into requests of {maxIds}.");
        }

        CheckValues("dlqIds", dlqIds);
    }

    public static void ValidateId(string dlqId)
    {
        if (string.IsNullOrWhiteSpace(dlqId) || TextChecks.HasControlCharacter(dlqId))
        {
            throw DlqEngineException.BadRequest("dlqId", "dlqId is empty or holds a control character; give the id of a DLQ message (like 1752829295505-0).");
        }
    }

    public static DlqEngineException NotFound(string dlqId) =>
        new(DlqErrorKind.NotFound, $"DLQ message {dlqId} was not found", "dlqId");

    /// <summary>Refuses a blank value, or one with a control character, of the selection's <paramref name="name"/>.</summary>
    public static void CheckValues(string name, IReadOnlyList<string> values)
    {
        foreach (string value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw DlqEngineException.BadRequest(name, $"{name} has a blank value; remove it. Nothing was changed.");
            }

            if (TextChecks.HasControlCharacter(value))
            {
                throw DlqEngineException.BadRequest(name, $"{name} contains a control character (such as NUL); remove it. Nothing was changed.");
            }
        }
    }

    /// <summary>
    /// <see cref="CheckValues"/>, then an IPv4 or IPv6 address: a caller IP that is not one selects nothing, so it is a
    /// mistake to report rather than an empty answer (the client refuses it with the same rule).
    /// </summary>
    private static void CheckAddresses(string name, IReadOnlyList<string> values)
    {
        CheckValues(name, values);
        foreach (string value in values)
        {
            if (!System.Net.IPAddress.TryParse(value, out _))
            {
                throw DlqEngineException.BadRequest(name, $"{name} '{value}' is not an IP address; give an IPv4 or IPv6 address such as 203.0.113.7. Nothing was changed.");
            }
        }
    }
}
