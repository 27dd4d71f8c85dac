namespace BulkResume.Console.Tests.Support;

/// <summary>Every console test class shares one browser, and they run one after another (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
}
