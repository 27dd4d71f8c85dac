using Microsoft.Extensions.Logging;

namespace BulkResume.Emulator.Hosting;

/// <summary>What the emulator logs: one line a request (never its query or headers, which may hold the token) and the admin API's unexpected failures.</summary>
internal static partial class EmulatorLog
{
    /// <summary>The category of the request log: <c>--quiet</c> turns it off, errors stay.</summary>
    public const string RequestCategory = "BulkResume.Emulator.Requests";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms")]
    public static partial void Request(ILogger logger, string method, string path, string status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly; it was answered 500")]
    public static partial void AdminFailure(ILogger logger, string method, string path, Exception exception);
}
