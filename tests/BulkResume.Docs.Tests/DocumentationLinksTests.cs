using System.Text.RegularExpressions;

namespace BulkResume.Docs.Tests;

/// <summary>Every relative link and image of README.md and docs/*.md points at a file that exists (the console's screenshots included).</summary>
public sealed partial class DocumentationLinksTests
{
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [Fact]
    public void Every_relative_link_and_image_exists()
    {
        string root = DocumentationSnippets.RepositoryRoot;
        var checkedTargets = new List<string>();
        var missing = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")))
        {
            foreach (Match match in LinkTarget().Matches(File.ReadAllText(file)))
            {
                string target = match.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || Uri.TryCreate(target, UriKind.Absolute, out _))
                {
                    continue;
                }

                checkedTargets.Add(target);
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    missing.Add($"{Path.GetRelativePath(root, file)}: {target}");
                }
            }
        }

        Assert.Contains("images/console-dlq.png", checkedTargets);
        Assert.True(missing.Count == 0, "links to nothing:\n" + string.Join("\n", missing));
    }
}
