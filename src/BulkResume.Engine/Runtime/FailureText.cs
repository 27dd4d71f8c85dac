using System.Text.RegularExpressions;

namespace BulkResume.Engine.Runtime;

/// <summary>
/// What a DLQ entry says about an exception: its type and the first line of its message, shortened, with bearer
/// credentials masked.
/// </summary>
/// <remarks>
/// Never the stack trace, never inner exceptions: response bodies are read by people and tools that must not learn more
/// about the workflow's internals than that.
/// </remarks>
internal static partial class FailureText
{
    public const int MaxMessageLength = 200;

    public static string Describe(Exception exception)
    {
        string message = exception.Message;
        int lineEnd = message.AsSpan().IndexOfAny('\r', '\n');
        if (lineEnd >= 0)
        {
            message = message[..lineEnd];
        }

        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength] + "...";
        }

        return exception.GetType().Name + ": " + BearerCredential().Replace(message, "Bearer ***");
    }

    [GeneratedRegex(@"Bearer\s+\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredential();
}
