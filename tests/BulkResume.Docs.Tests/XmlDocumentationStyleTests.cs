using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BulkResume.Docs.Tests;

/// <summary>The public surface of every shipped assembly reads well in IntelliSense: a summary of one sentence.</summary>
/// <remarks>
/// <para>
/// The rule (issue 25): a <c>&lt;summary&gt;</c> is one sentence, the detail goes in <c>&lt;remarks&gt;</c>, and a
/// property's default goes in <c>&lt;value&gt;</c>. <c>.ci/xmldoc-style.py</c> rewrites src/ to it, by the same rules:
/// </para>
/// <list type="bullet">
/// <item>A sentence ends at '.', '!' or '?' (closing brackets or quotes may follow) when whitespace follows and then more
/// content that does not start with a lower-case letter.</item>
/// <item>Only text directly inside the summary counts, never text inside a child element (<c>&lt;c&gt;</c>,
/// <c>&lt;code&gt;</c>, <c>&lt;see&gt;</c>, <c>&lt;paramref&gt;</c>, ...).</item>
/// <item>The word before the period may not be an abbreviation (e.g., i.e., etc., vs., cf.); numbers, versions, URLs
/// and file names ("1.5", "0.1.0", "docs/paging.md") hold no whitespace after their inner periods, so they never end
/// one.</item>
/// <item>A block element (<c>&lt;para&gt;</c>, <c>&lt;code&gt;</c>, <c>&lt;list&gt;</c>) is a unit of its own, so a
/// summary that holds one besides other content has more than one; a summary that opens with a paragraph counts that
/// paragraph's sentences.</item>
/// <item>A summary states a default when it says "Default ...", "Defaults to ...", "The default is ...", "... by
/// default" or has a "(default ...)" aside.</item>
/// </list>
/// <para>
/// It reads the XML documentation files the build writes (<c>GenerateDocumentationFile</c>) as they ship, copied beside
/// this test's assembly with the assemblies they document, and judges the members the assemblies make visible: public
/// ones, and protected ones of types that can be inherited. Every project under src/ ships (src/Directory.Build.props
/// packs them all), so each must be referenced by this test project; one that is not fails the test.
/// </para>
/// </remarks>
public sealed partial class XmlDocumentationStyleTests
{
    private static readonly string[] Abbreviations = ["e.g", "i.e", "etc", "vs", "cf"];
    private static readonly string[] BlockElements = ["para", "code", "list"];

    [GeneratedRegex(@"[.!?][)\]""']*(?=\s)")]
    private static partial Regex Terminator();

    [GeneratedRegex(@"^(?:defaults?\b|the default is\b)|\bby default\b|\bdefaults to\b|\((?:the )?default\b[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex StatesDefault();

    [GeneratedRegex(@"<AssemblyName>\s*([^<\s]+)\s*</AssemblyName>")]
    private static partial Regex AssemblyName();

    [Fact]
    public void Every_public_summary_is_one_sentence()
    {
        var members = DocumentedMembers().ToList();
        var offenders = members
            .Select(member => (member.Name, Sentences: Sentences(member.Summary)))
            .Where(member => member.Sentences > 1)
            .Select(member => $"{member.Name}: {member.Sentences} sentences")
            .ToList();

        Assert.NotEmpty(members);
        Assert.True(
            offenders.Count == 0,
            $"{offenders.Count} of the {members.Count} public summaries have more than one sentence (run .ci/xmldoc-style.py):\n" +
            string.Join("\n", offenders));
    }

    [Fact]
    public void A_public_property_states_its_default_in_value_not_in_summary()
    {
        var properties = DocumentedMembers().Where(member => member.Symbol is IPropertySymbol).ToList();
        var offenders = properties
            .Where(member => member.Value is null && StatesDefault().IsMatch(PlainText(member.Summary)))
            .Select(member => $"{member.Name}: {PlainText(member.Summary)}")
            .ToList();

        Assert.NotEmpty(properties);
        Assert.True(
            offenders.Count == 0,
            $"{offenders.Count} public properties state a default in their summary and have no <value>:\n" + string.Join("\n", offenders));
    }

    /// <summary>How many sentences a summary holds, by the rules in the class's remarks.</summary>
    private static int Sentences(XElement summary)
    {
        var nodes = summary.Nodes().Where(node => node is not XComment).ToList();
        if (nodes.FirstOrDefault(IsMeaningful) is XElement { Name.LocalName: "para" } first)
        {
            nodes = [.. first.Nodes(), .. nodes.Skip(nodes.IndexOf(first) + 1)];
        }

        int units = 0;
        bool open = false;
        for (int index = 0; index < nodes.Count; index++)
        {
            if (nodes[index] is XElement element)
            {
                if (BlockElements.Contains(element.Name.LocalName))
                {
                    units += open ? 2 : 1;
                    open = false;
                }
                else
                {
                    open = true;
                }

                continue;
            }

            if (nodes[index] is not XText text)
            {
                continue;
            }

            int end = 0;
            foreach (Match match in Terminator().Matches(text.Value))
            {
                if (IsAbbreviation(text.Value[..match.Index]))
                {
                    continue;
                }

                string after = text.Value[(match.Index + match.Length)..].TrimStart();
                bool more = after.Length > 0 ? !char.IsLower(after[0]) : nodes.Skip(index + 1).Any(IsMeaningful);
                if (more)
                {
                    units++;
                    open = false;
                    end = match.Index + match.Length;
                }
            }

            open |= !string.IsNullOrWhiteSpace(text.Value[end..]);
        }

        return units + (open ? 1 : 0);
    }

    private static bool IsMeaningful(XNode node) =>
        node is XElement || (node is XText text && !string.IsNullOrWhiteSpace(text.Value));

    private static bool IsAbbreviation(string before)
    {
        string word = before[(before.LastIndexOfAny([' ', '\n', '\r', '\t']) + 1)..].TrimStart('(', '"', '\'');
        return Abbreviations.Contains(word, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The summary's own words, each child element standing as one word.</summary>
    private static string PlainText(XElement summary) =>
        Regex.Replace(string.Concat(summary.Nodes().Select(node => node is XText text ? text.Value : " X ")), @"\s+", " ").Trim();

    private sealed record DocumentedMember(string Name, ISymbol Symbol, XElement Summary, XElement? Value);

    /// <summary>Every visible member of every shipped assembly that has a summary in the assembly's XML file.</summary>
    private static IEnumerable<DocumentedMember> DocumentedMembers()
    {
        var shipped = ShippedAssemblyNames();
        var references = new List<MetadataReference>();
        foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!shipped.Contains(Path.GetFileNameWithoutExtension(path)))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        var ours = new List<(string Name, MetadataReference Reference, Dictionary<string, XElement> Docs)>();
        foreach (string name in shipped)
        {
            string assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            string xml = Path.ChangeExtension(assembly, ".xml");
            Assert.True(
                File.Exists(assembly) && File.Exists(xml),
                $"{name}.dll and its XML documentation are not beside the test: reference its project from BulkResume.Docs.Tests.csproj.");
            var docs = XDocument.Load(xml).Descendants("member")
                .ToDictionary(member => (string)member.Attribute("name")!, member => member);
            var reference = MetadataReference.CreateFromFile(assembly);
            references.Add(reference);
            ours.Add((name, reference, docs));
        }

        var compilation = CSharpCompilation.Create("PublicSurface", references: references);
        foreach (var (name, reference, docs) in ours)
        {
            var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(reference)!;
            foreach (ISymbol symbol in Visible(assembly.GlobalNamespace))
            {
                if (symbol.GetDocumentationCommentId() is { } id
                    && docs.TryGetValue(id, out var member)
                    && member.Element("summary") is { } summary)
                {
                    yield return new DocumentedMember($"{name}: {id}", symbol, summary, member.Element("value"));
                }
            }
        }
    }

    private static IEnumerable<ISymbol> Visible(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (ISymbol inner in Visible(ns))
                {
                    yield return inner;
                }

                continue;
            }

            bool visible = member.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Protected or Accessibility.ProtectedOrInternal => container is INamedTypeSymbol { IsSealed: false },
                _ => false,
            };
            if (!visible)
            {
                continue;
            }

            yield return member;
            if (member is INamedTypeSymbol type)
            {
                foreach (ISymbol inner in Visible(type))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The assembly names of the projects under src/: every one is packed.</summary>
    private static HashSet<string> ShippedAssemblyNames() =>
        Directory.GetFiles(Path.Combine(DocumentationSnippets.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => AssemblyName().Match(File.ReadAllText(project)) is { Success: true } match
                ? match.Groups[1].Value
                : Path.GetFileNameWithoutExtension(project))
            .ToHashSet(StringComparer.Ordinal);
}
