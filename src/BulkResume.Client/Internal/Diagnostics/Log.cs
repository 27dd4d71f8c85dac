using Microsoft.Extensions.Logging;

namespace BulkResume.Internal.Diagnostics;

/// <summary>The client's log events: structured fields, fixed event ids, never a header or the token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status} (attempt {Attempt})")]
    public static partial void AttemptCompleted(ILogger logger, string method, string path, int status, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Method} {Path} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string method, string path, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Path} page: {Count} runs (page size {PageSize}, cursor {Cursor}, next {NextCursor})")]
    public static partial void PageCompleted(ILogger logger, string path, int count, int? pageSize, string? cursor, string? nextCursor);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Method} {Path}: an attempt of the page at cursor {Cursor} may have been applied before it failed; what it did is not known to the client")]
    public static partial void OutcomeUnknown(ILogger logger, string method, string path, string? cursor);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Path} page: {Count} entries deleted (cursor {Cursor}, next {NextCursor})")]
    public static partial void EntriesDeleted(ILogger logger, string path, long count, string? cursor, string? nextCursor);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "{Path} part {Part}: {Count} taken (page size {PageSize}, cursor {Cursor}, next {NextCursor})")]
    public static partial void PartPageCompleted(ILogger logger, string path, string part, long count, int pageSize, string? cursor, string? nextCursor);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Path} part {Part} answered a full page holding more than its share of what is left: split into {Parts} parts")]
    public static partial void PartSplit(ILogger logger, string path, string part, int parts);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "GET {Path}, listing how a concurrent drain's selection is spread to guide its splits, failed ({Reason}): the drain goes on without cuts, as nothing tells where the service's clock is")]
    public static partial void SplitGuideFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "{Path} part {Part} holds the top of the selection and found no more: it passes again once the other parts are done, for entries that failed meanwhile")]
    public static partial void TopPartParked(ILogger logger, string path, string part);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Path}: {Missing} ids of a request were not in the DLQ and are skipped; {Left} sent again")]
    public static partial void MissingIdsSkipped(ILogger logger, string path, int missing, int left);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Method} {Path} started bulk action {ActionId}")]
    public static partial void BulkActionStarted(ILogger logger, string method, string path, string actionId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Bulk action {ActionId}: {State}, {Processed} of {Total}")]
    public static partial void BulkActionRead(ILogger logger, string actionId, string state, long processed, long total);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Bulk action {ActionId}: a status read was rate-limited; the next one waits {DelayMs} ms")]
    public static partial void BulkActionWaitRateLimited(ILogger logger, string actionId, double delayMs);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "{Path}: {Count} runs canceled (cursor {Cursor}, next {NextCursor})")]
    public static partial void RunsCanceled(ILogger logger, string path, long count, string? cursor, string? nextCursor);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "{Path}: {Count} runs triggered, {Deduplicated} of them already known by their id")]
    public static partial void RunsTriggered(ILogger logger, string path, int count, int deduplicated);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "{Path}: {Count} waiters notified, {Failed} of them with an error")]
    public static partial void WaitersNotified(ILogger logger, string path, int count, int failed);
}
