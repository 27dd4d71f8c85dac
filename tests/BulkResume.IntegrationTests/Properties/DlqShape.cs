namespace BulkResume.IntegrationTests.Properties;

/// <summary>How the failure times of a generated DLQ are spread.</summary>
public enum DlqShape
{
    /// <summary>Evenly over the last two hours.</summary>
    Uniform,

    /// <summary>Almost all in the last minute, a few over the last week.</summary>
    LastMinute,

    /// <summary>Almost all in one millisecond, the rest over the last two hours.</summary>
    HotMillisecond,

    /// <summary>No entries.</summary>
    Empty,
}
