using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BulkResume.Docs.Tests;

/// <summary>Compiles one snippet as a small program against every assembly the test host has loaded.</summary>
internal static class SnippetCompiler
{
    /// <summary>The namespaces a console project's implicit usings import: all that a first-time reader has.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The namespaces a reader of the deeper docs is assumed to have imported as well.</summary>
    private const string LibraryUsings = """
        global using BulkResume;
        global using BulkResume.Emulator;
        global using BulkResume.Engine;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Xunit;
        """;

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The compiler errors of the snippet; a snippet of type declarations only may lack an entry point.</summary>
    /// <param name="code">The snippet.</param>
    /// <param name="firstContact">Compile with a new console project's implicit usings only, as a reader who copies the snippet from the README or the getting-started page into a new project has.</param>
    public static IReadOnlyList<string> Errors(string code, bool firstContact = false)
    {
        var usings = firstContact ? ImplicitUsings : ImplicitUsings + LibraryUsings;
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(usings, Parse), CSharpSyntaxTree.ParseText(code, Parse)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id != "CS5001")
            .Select(diagnostic => diagnostic.ToString())
            .ToArray();
    }
}
