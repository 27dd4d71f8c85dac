namespace BulkResume.Console.Tests.Support;

/// <summary>
/// Where the tests put their screenshots: <c>artifacts/console/</c> under the repository root (ignored by git), and,
/// when <c>BULKRESUME_DOC_SCREENSHOTS=1</c>, the few the docs show into <c>docs/images/</c>.
/// </summary>
internal static class Artifacts
{
    public const string DocScreenshotsVariable = "BULKRESUME_DOC_SCREENSHOTS";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Screenshot(string name) => Path.Combine(RepositoryRoot, "artifacts", "console", name + ".png");

    /// <summary>The docs' copy of a screenshot, or <see langword="null"/> unless the docs' screenshots are being taken.</summary>
    public static string? DocImage(string name) =>
        Environment.GetEnvironmentVariable(DocScreenshotsVariable) == "1" ? Path.Combine(RepositoryRoot, "docs", "images", name + ".png") : null;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BulkResume.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BulkResume.sln above {AppContext.BaseDirectory}: the tests run from a build inside the repository.");
    }
}
