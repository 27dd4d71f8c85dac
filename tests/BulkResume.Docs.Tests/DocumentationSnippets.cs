using System.Text.RegularExpressions;

namespace BulkResume.Docs.Tests;

/// <summary>Finds the C# code blocks of the user documentation.</summary>
internal static partial class DocumentationSnippets
{
    [GeneratedRegex(@"^```csharp\r?\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    /// <summary>The repository root: the folder above this test project that holds BulkResume.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static IEnumerable<(string File, int Index, string Code)> All()
    {
        IEnumerable<string> files = Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md")
            .Append(Path.Combine(RepositoryRoot, "README.md"))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            int index = 0;
            foreach (Match match in CSharpBlock().Matches(File.ReadAllText(file)))
            {
                yield return (Path.GetRelativePath(RepositoryRoot, file), index++, match.Groups["code"].Value);
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BulkResume.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("BulkResume.sln was not found above the test's folder.");
    }
}
