using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The engine's misbehaviour during a generated drain (see <c>FaultInjector</c>).</summary>
public enum FaultKind
{
    /// <summary>None.</summary>
    None,

    /// <summary>Some requests are applied and then answer 500 or drop the connection.</summary>
    ApplyThenFail,

    /// <summary>A burst limit of a few requests per second, with some latency so that requests overlap.</summary>
    BurstLimit,

    /// <summary>Latency on every request.</summary>
    Latency,

    /// <summary>The first few requests drop the connection before being applied.</summary>
    DropNext,
}
