using System.Globalization;

namespace BulkResume.Engine;

/// <summary>One run named by id and creation time, as the run logs' <c>workflowRuns</c> filter names it (<c>id@createdAt</c>).</summary>
public readonly struct RunReference : IEquatable<RunReference>
{
    /// <summary>Names a run.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="createdAt">When the run was created (compared to the millisecond).</param>
    public RunReference(string workflowRunId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        WorkflowRunId = workflowRunId;
        CreatedAt = createdAt;
    }

    /// <summary>The run's id.</summary>
    public string WorkflowRunId { get; }

    /// <summary>When the run was created (compared to the millisecond).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Whether two references name the same run.</summary>
    /// <param name="left">A reference.</param>
    /// <param name="right">Another reference.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(RunReference left, RunReference right) => left.Equals(right);

    /// <summary>Whether two references name different runs.</summary>
    /// <param name="left">A reference.</param>
    /// <param name="right">Another reference.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(RunReference left, RunReference right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(RunReference other) =>
        string.Equals(WorkflowRunId, other.WorkflowRunId, StringComparison.Ordinal) && CreatedAt.ToUnixTimeMilliseconds() == other.CreatedAt.ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RunReference other && Equals(other);

    /// <summary>The run as <c>id@createdAt</c> (Unix milliseconds), the form a selection keeps it in.</summary>
    internal string ToPair() => WorkflowRunId + "@" + CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The run of an <c>id@createdAt</c> pair (Unix milliseconds); <see langword="null"/> when it is not one.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="signed">Whether the time may be before 1970 (the wire takes no sign; a .NET caller's time may be).</param>
    internal static RunReference? TryParsePair(string pair, bool signed = false)
    {
        int at = pair.LastIndexOf('@');
        return at > 0
            && long.TryParse(pair.AsSpan(at + 1), signed ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            && milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? new RunReference(pair[..at], DateTimeOffset.FromUnixTimeMilliseconds(milliseconds))
            : null;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(WorkflowRunId, CreatedAt.ToUnixTimeMilliseconds());
}
