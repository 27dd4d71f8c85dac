namespace BulkResume.Engine;

/// <summary>The engine refused an operation; nothing was changed.</summary>
/// <remarks><see cref="StatusCode"/> is what the HTTP API answers.</remarks>
public sealed class DlqEngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why the operation was refused.</param>
    /// <param name="message">What was wrong and how to fix it; it is sent to API callers as <c>{"error": message}</c>.</param>
    /// <param name="parameterName">The request parameter at fault, if one is.</param>
    public DlqEngineException(DlqErrorKind kind, string message, string? parameterName = null)
        : base(message)
    {
        Kind = kind;
        ParameterName = parameterName;
    }

    /// <summary>Why the operation was refused.</summary>
    public DlqErrorKind Kind { get; }

    /// <summary>The request parameter at fault, if one is.</summary>
    public string? ParameterName { get; }

    /// <summary>The HTTP status for <see cref="Kind"/>.</summary>
    public int StatusCode => Kind switch
    {
        DlqErrorKind.NotFound => 404,
        DlqErrorKind.Conflict => 409,
        _ => 400,
    };

    internal static DlqEngineException BadRequest(string parameterName, string message) =>
        new(DlqErrorKind.BadRequest, message, parameterName);
}
