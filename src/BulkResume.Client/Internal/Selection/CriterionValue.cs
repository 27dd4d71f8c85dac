namespace BulkResume.Internal.Selection;

/// <summary>The rule a criterion's value follows before it is sent (<see cref="Criterion.Check"/>).</summary>
internal enum CriterionValue
{
    /// <summary>Text of a one-value parameter: not blank, no control character.</summary>
    Text,

    /// <summary>Text of a parameter the service splits on commas: <see cref="Text"/>, and no comma.</summary>
    ListText,

    /// <summary>An absolute http or https URL without a comma.</summary>
    WorkflowUrl,

    /// <summary>An IPv4 or IPv6 address.</summary>
    IpAddress,

    /// <summary>A time, sent as Unix milliseconds: typed by the filter's method, nothing to check.</summary>
    Time,

    /// <summary>A wire name of a value set (a state): typed by the filter's method, nothing to check.</summary>
    Name,
}
