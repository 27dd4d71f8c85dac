using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace BulkResume.Emulator.WebConsole;

/// <summary>
/// The web console's files, embedded in this library (nothing is fetched from anywhere else: the console works with no
/// network): the page at <c>/</c>, and its scripts, style sheet and icon under <c>/console/</c>.
/// </summary>
/// <remarks>Read once per process.</remarks>
internal sealed class ConsoleAssets
{
    /// <summary>Where the console's files are served, besides the page at <c>/</c>.</summary>
    public const string PathPrefix = "/console/";

    /// <summary>The prefix of the files' manifest resource names (set in the project file).</summary>
    private const string ResourcePrefix = "BulkResume.Emulator.WebConsole/";

    private const string Page = "index.html";

    private static readonly Lazy<ConsoleAssets> Embedded = new(() => Load(typeof(ConsoleAssets).Assembly));

    private readonly Dictionary<string, ConsoleAsset> _byPath;

    private ConsoleAssets(Dictionary<string, ConsoleAsset> byPath) => _byPath = byPath;

    /// <summary>The files embedded in the emulator library.</summary>
    public static ConsoleAssets Shared => Embedded.Value;

    /// <summary>The file a <c>GET</c> or <c>HEAD</c> of <paramref name="path"/> asks for, or <see langword="null"/> when the path is not the console's.</summary>
    /// <param name="method">The request's method.</param>
    /// <param name="path">The request's path, without the query.</param>
    /// <returns>The file, or <see langword="null"/>.</returns>
    public ConsoleAsset? Find(string method, string path) =>
        (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && _byPath.TryGetValue(path, out ConsoleAsset? asset) ? asset : null;

    private static ConsoleAssets Load(Assembly assembly)
    {
        var byPath = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            string file = name[ResourcePrefix.Length..].Replace('\\', '/');
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            byPath[file == Page ? "/" : PathPrefix + file] = new ConsoleAsset(ContentTypeOf(file), memory.ToArray());
        }

        return byPath.ContainsKey("/")
            ? new ConsoleAssets(byPath)
            : throw new InvalidOperationException($"The console's {Page} is not embedded in {assembly.GetName().Name}; the build lost WebConsole/wwwroot.");
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        string other => throw new InvalidOperationException($"The console file {file} has the extension '{other}', which has no content type here; add it to ConsoleAssets.ContentTypeOf."),
    };
}
