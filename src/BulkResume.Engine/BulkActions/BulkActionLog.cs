using Microsoft.Extensions.Logging;

namespace BulkResume.Engine.BulkActions;

/// <summary>The bulk action worker's log events.</summary>
internal static partial class BulkActionLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "A slice of a bulk action failed and was rolled back; it is tried again.")]
    public static partial void SliceFailed(ILogger logger, Exception exception);
}
