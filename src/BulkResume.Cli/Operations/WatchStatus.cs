using System.Text.Json.Serialization;

namespace BulkResume.Cli.Operations;

/// <summary>How watching a bulk action ended; the action itself goes on on the service whatever this command does.</summary>
internal enum WatchStatus
{
    /// <summary>The action finished.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Started and not watched (<c>--detach</c>).</summary>
    [JsonStringEnumMemberName("detached")]
    Detached,

    /// <summary>Ctrl+C stopped watching before the action finished; it goes on.</summary>
    [JsonStringEnumMemberName("stopped-watching")]
    StoppedWatching,

    /// <summary>Reading the action failed before it finished; it goes on.</summary>
    [JsonStringEnumMemberName("watch-failed")]
    WatchFailed,
}
