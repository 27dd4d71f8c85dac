namespace BulkResume.Internal.Draining;

/// <summary>Where a <see cref="DrainPart"/> stands, for the report of a drain by ids that stopped.</summary>
internal enum PartOutcome
{
    /// <summary>No request for it was sent.</summary>
    NotSent,

    /// <summary>A request for it is in flight.</summary>
    Sent,

    /// <summary>The service confirmed every request of it.</summary>
    Done,

    /// <summary>Its last request failed (<see cref="DrainPart.Failure"/>).</summary>
    Failed,
}
