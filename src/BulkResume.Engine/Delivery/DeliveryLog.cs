using Microsoft.Extensions.Logging;

namespace BulkResume.Engine.Delivery;

/// <summary>The delivery worker's log events (never a URL's query, a header or a key).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A pass of the delivery worker failed; it is tried again (further failures in a row are not logged).")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The answer to delivery {MessageId} could not be recorded; it is delivered again when its lease ends.")]
    public static partial void RecordFailed(ILogger logger, string messageId, Exception exception);
}
