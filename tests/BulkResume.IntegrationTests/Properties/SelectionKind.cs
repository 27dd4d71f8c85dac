namespace BulkResume.IntegrationTests.Properties;

/// <summary>What a generated drain selects.</summary>
public enum SelectionKind
{
    /// <summary><c>ResumeFilter.All()</c>.</summary>
    All,

    /// <summary>One of the two workflow URLs.</summary>
    OneWorkflow,

    /// <summary>A failure-time range, both ends inclusive.</summary>
    TimeRange,

    /// <summary>Explicit ids: a random subset, in random order.</summary>
    Ids,

    /// <summary>Entries that failed at or after an instant near either clock's now, or in the future of both.</summary>
    FailedAfterNearNow,

    /// <summary>Entries that failed at or before an instant near either clock's now, or in the future of both.</summary>
    FailedBeforeNearNow,

    /// <summary>From an entry's failure time to an instant near either clock's now, or in the future of both.</summary>
    FromAnEntryToNearNow,
}
