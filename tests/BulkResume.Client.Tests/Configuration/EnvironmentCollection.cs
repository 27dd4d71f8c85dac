namespace BulkResume.Client.Tests.Configuration;

/// <summary>Tests that change process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
