namespace BulkResume.Docs.Tests;

/// <summary>
/// Every C# block in README.md and docs/*.md compiles against the libraries as they are now; the README's and the
/// getting-started page's compile as pasted into a new console project, with their own usings.
/// </summary>
public sealed class DocumentationCompilesTests
{
    private static readonly string[] FirstContactFiles = ["README.md", Path.Combine("docs", "getting-started.md")];

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in DocumentationSnippets.All())
        {
            data.Add(file, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_code_block_compiles(string file, int index)
    {
        string code = DocumentationSnippets.All().Single(snippet => snippet.File == file && snippet.Index == index).Code;

        IReadOnlyList<string> errors = SnippetCompiler.Errors(code, firstContact: FirstContactFiles.Contains(file));

        Assert.True(errors.Count == 0, $"{file}, C# block {index}:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    [Fact]
    public void The_docs_have_code_to_check_and_a_broken_block_is_caught()
    {
        Assert.True(DocumentationSnippets.All().Count() >= 15, "the docs should show code");
        Assert.NotEmpty(SnippetCompiler.Errors("var client = new WorkflowClient(42);"));
    }

    [Fact]
    public void A_first_contact_block_without_its_usings_is_caught()
    {
        const string Code = """var client = new WorkflowClient(WorkflowClientOptions.FromEnvironment());""";

        Assert.Empty(SnippetCompiler.Errors(Code));
        Assert.Contains(SnippetCompiler.Errors(Code, firstContact: true), error => error.Contains("CS0246", StringComparison.Ordinal));
    }
}
