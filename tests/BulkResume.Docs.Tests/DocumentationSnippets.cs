using System.Text.RegularExpressions;

namespace BulkResume.Docs.Tests;

/// <summary>
/// Finds the fenced code blocks of the user documentation (README.md and docs/*.md), each with the marker in the HTML
/// comment on the line above it, if any: <c>&lt;!-- not run: why --&gt;</c>, <c>&lt;!-- request: POST /path --&gt;</c>
/// or <c>&lt;!-- answer: GET /path --&gt;</c>.
/// </summary>
internal static partial class DocumentationSnippets
{
    [GeneratedRegex(@"(?:^<!--\s*(?<marker>[^\r\n]*?)\s*-->\r?\n)?^```(?<language>[a-z]*)\r?\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    /// <summary>The repository root: the folder above this test project that holds BulkResume.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The C# blocks, numbered per file.</summary>
    public static IEnumerable<(string File, int Index, string Code)> All() =>
        Blocks("csharp").Select(block => (block.File, block.Index, block.Code));

    /// <summary>The blocks of one language (<c>csharp</c>, <c>bash</c>, <c>json</c>), numbered per file and language.</summary>
    public static IEnumerable<DocumentationBlock> Blocks(params string[] languages)
    {
        IEnumerable<string> files = Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md")
            .Append(Path.Combine(RepositoryRoot, "README.md"))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            int index = 0;
            foreach (Match match in FencedBlock().Matches(File.ReadAllText(file)))
            {
                if (languages.Contains(match.Groups["language"].Value))
                {
                    string marker = match.Groups["marker"].Value;
                    yield return new DocumentationBlock(Path.GetRelativePath(RepositoryRoot, file), index++, match.Groups["code"].Value, marker.Length == 0 ? null : marker);
                }
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
