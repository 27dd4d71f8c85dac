using Microsoft.Extensions.Logging;

namespace BulkResume.Engine.Http;

/// <summary>What the HTTP API logs: only what its answers can't say.</summary>
/// <remarks>Never a token, a header or a query string.</remarks>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly; it was answered 500")]
    public static partial void UnexpectedFailure(ILogger logger, string method, string path, Exception exception);
}
