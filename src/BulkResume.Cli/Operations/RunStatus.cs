using System.Text.Json.Serialization;

namespace BulkResume.Cli.Operations;

/// <summary>How a bulk action ended.</summary>
internal enum RunStatus
{
    /// <summary>Every selected entry was acted on.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Stopped by Ctrl+C between pages, or at once by a second; continue from the cursor (concurrent: by running the same command again, by ids with the ids left).</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,

    /// <summary>
    /// A request failed after others succeeded, or by ids with its own outcome unknown; continue from the cursor
    /// (concurrent: by running the same command again, by ids with the ids left).
    /// </summary>
    [JsonStringEnumMemberName("partial")]
    Partial,

    /// <summary>The first page failed: nothing was acted on.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
