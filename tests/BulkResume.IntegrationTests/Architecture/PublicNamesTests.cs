using System.Reflection;
using BulkResume.Emulator;
using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Architecture;

/// <summary>A test that imports the client's and the engine's namespaces together names every type without ambiguity (no CS0104).</summary>
public sealed class PublicNamesTests
{
    [Fact]
    public void No_public_type_of_the_engine_packages_has_the_name_of_a_client_type()
    {
        HashSet<string> client = PublicTypeNames(typeof(WorkflowClient).Assembly);
        Assembly[] engine = [typeof(DlqEngine).Assembly, typeof(Engine.Sql.SqlSchema).Assembly, typeof(WorkflowEmulator).Assembly];

        string[] clashes = engine.SelectMany(PublicTypeNames).Where(client.Contains).Order(StringComparer.Ordinal).ToArray();

        Assert.True(clashes.Length == 0, "Named alike in the client and the engine: " + string.Join(", ", clashes));
        Assert.Contains(nameof(RunRecord), PublicTypeNames(typeof(DlqEngine).Assembly));
    }

    private static HashSet<string> PublicTypeNames(Assembly assembly) =>
        assembly.GetExportedTypes().Where(type => !type.IsNested).Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
}
