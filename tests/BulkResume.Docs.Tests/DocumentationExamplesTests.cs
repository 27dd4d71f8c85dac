using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkResume.Docs.Tests;

/// <summary>
/// Every shell and JSON example of README.md and docs/*.md is tried as a reader would paste it, against a fresh
/// emulator (see <see cref="ShellExample"/> for the environment the docs state), and the install commands are the
/// README's in every page, so there is one install story.
/// </summary>
public sealed partial class DocumentationExamplesTests
{
    [GeneratedRegex(@"dotnet (?:tool install|pack|add package) [^`\r\n#]*")]
    private static partial Regex InstallCommand();

    public static TheoryData<string, int> ShellBlocks() => Runnable("bash", "sh");

    public static TheoryData<string, int> JsonBlocks() => Runnable("json");

    [Theory]
    [MemberData(nameof(ShellBlocks))]
    public async Task The_shell_example_exits_as_the_docs_say(string file, int index)
    {
        DocumentationBlock block = Block(file, index, "bash", "sh");

        var (exitCode, output) = await ShellExample.RunAsync(block.Code);

        Assert.True(exitCode == 0, $"{file}, shell block {index} exited {exitCode}:\n{output}\n---\n{block.Code}");
    }

    [Theory]
    [MemberData(nameof(JsonBlocks))]
    public async Task The_json_example_is_taken_by_the_emulator_or_has_the_shape_of_its_answer(string file, int index)
    {
        DocumentationBlock block = Block(file, index, "json");
        string? request = block.Request ?? block.AnswerOf;
        Assert.True(request is not null, $"{file}, JSON block {index} says neither what it is sent to (<!-- request: POST /path -->), what it answers (<!-- answer: GET /path -->) nor why it is not run (<!-- not run: why -->)");
        string[] methodAndPath = request.Split(' ', 2);
        string body = block.Request is null ? "" : $"--data-binary @- -H 'Content-Type: application/json' <<'JSON'\n{block.Code}JSON";

        var (exitCode, output) = await ShellExample.RunAsync($"curl -sf -X {methodAndPath[0]} -H \"Authorization: Bearer $TOKEN\" $QSTASH_URL{methodAndPath[1]} {body}\n");

        Assert.True(exitCode == 0, $"{file}, JSON block {index} ({request}) was refused:\n{output}\n---\n{block.Code}");
        if (block.AnswerOf is not null)
        {
            Assert.Equal(Shape(JsonDocument.Parse(output).RootElement), Shape(JsonDocument.Parse(block.Code).RootElement));
        }
    }

    [Fact]
    public void Every_install_command_in_the_docs_and_the_package_readmes_is_one_of_the_READMEs()
    {
        string root = DocumentationSnippets.RepositoryRoot;
        DocumentationBlock install = Assert.Single(DocumentationSnippets.Blocks("bash"), b => b.File == "README.md" && b.Code.Contains("dotnet tool install", StringComparison.Ordinal));
        string[] readme = InstallCommand().Matches(install.Code).Select(m => m.Value.Trim()).ToArray();
        IEnumerable<string> pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "README.md"));

        string[] others = pages
            .SelectMany(page => InstallCommand().Matches(File.ReadAllText(page)).Select(m => $"{Path.GetRelativePath(root, page)}: {m.Value.Trim()}"))
            .Where(line => !readme.Contains(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .ToArray();

        Assert.Contains("dotnet tool install BulkResume.Cli --tool-path ~/.bulkresume/tools --add-source ~/bulkresume-packages --prerelease", readme);
        Assert.True(others.Length == 0, "install commands that are not the README's:\n" + string.Join("\n", others));
    }

    [Fact]
    public void Every_block_that_is_not_run_says_why()
    {
        string[] silent = DocumentationSnippets.Blocks("bash", "sh", "json")
            .Where(b => b.Marker is not null && b.NotRunBecause is { Length: 0 })
            .Select(b => $"{b.File} block {b.Index}")
            .ToArray();

        Assert.Empty(silent);
        Assert.Contains(DocumentationSnippets.Blocks("bash", "sh"), b => b.NotRunBecause is null && b.Code.Contains("bulkresume resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_example_with_a_flag_the_CLI_does_not_take_or_another_exit_code_fails()
    {
        var (unknownFlag, _) = await ShellExample.RunAsync("export QSTASH_TOKEN=$TOKEN\nbulkresume list --no-such-flag --limit 0\n");
        var (otherExit, _) = await ShellExample.RunAsync("bulkresume list --limit 0   # exit 0\n");
        var (asDocumented, output) = await ShellExample.RunAsync("bulkresume list --limit 0   # exit 2: no token\nQSTASH_TOKEN=$TOKEN bulkresume list --limit 0 --label checkout\n");

        Assert.NotEqual(0, unknownFlag);
        Assert.NotEqual(0, otherExit);
        Assert.True(asDocumented == 0, output);
    }

    private static TheoryData<string, int> Runnable(params string[] languages)
    {
        var data = new TheoryData<string, int>();
        foreach (DocumentationBlock block in DocumentationSnippets.Blocks(languages).Where(b => b.NotRunBecause is null))
        {
            data.Add(block.File, block.Index);
        }

        return data;
    }

    private static DocumentationBlock Block(string file, int index, params string[] languages) =>
        DocumentationSnippets.Blocks(languages).Single(b => b.File == file && b.Index == index);

    /// <summary>The property names of a document, nested objects' as <c>parent.name</c>: what a reader relies on, not the values.</summary>
    private static string Shape(JsonElement element, string prefix = "") =>
        element.ValueKind != JsonValueKind.Object
            ? ""
            : string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => prefix + p.Name + "{" + Shape(p.Value, prefix + p.Name + ".") + "}"));
}
