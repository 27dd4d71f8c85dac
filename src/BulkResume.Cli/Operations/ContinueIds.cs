using System.Globalization;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>
/// How the command that continues a run by ids names the ids it left: as typed when it left them all, inline with
/// <c>--ids</c> when they are few, else in a file written for it, so that the printed command always runs (a shell
/// refuses one argument over 128 KiB: 10,000 ids inline are about 170 KiB).
/// </summary>
/// <param name="Flag"><c>--ids</c> or <c>--ids-file</c>; null to keep the ids as typed.</param>
/// <param name="Value">The flag's value: the ids, comma-separated, or the file's full path.</param>
/// <remarks>
/// The file goes to the working directory, or the temporary folder when that can't be written; when neither can, the
/// command is the one typed, which runs too, since a list run again skips the ids no longer in the DLQ.
/// </remarks>
internal sealed record ContinueIds(string? Flag, string? Value)
{
    /// <summary>The longest <c>--ids</c> value printed: about one request's worth of ids, still readable on a screen.</summary>
    public const int InlineMost = 1_024;

    private static readonly ContinueIds AsTyped = new(null, null);

    /// <summary>The file the ids were written to.</summary>
    public string? FilePath { get; init; }

    /// <summary>Why no file could be written, when none could.</summary>
    public string? FileError { get; init; }

    /// <param name="context">The command's context: where to write and the clock that names the file.</param>
    /// <param name="verb">The action, which names the file.</param>
    /// <param name="selection">The ids as given.</param>
    /// <param name="left">The ids left, in the order given.</param>
    public static ContinueIds For(CommandContext context, BulkVerb verb, Selection selection, IReadOnlyList<string> left)
    {
        if (left.Count == selection.DlqIds!.Distinct(StringComparer.Ordinal).Count())
        {
            return AsTyped;
        }

        var inline = string.Join(',', left);
        if (inline.Length <= InlineMost)
        {
            return new ContinueIds(DlqIdList.IdsFlag, inline);
        }

        var stopped = context.Environment.Time.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"bulkresume-{verb.Name}-remaining-{stopped:yyyyMMdd'-'HHmmss}");
        var lines = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"# {left.Count} DLQ ids left by bulkresume {verb.Name}, stopped at {CliText.Time(stopped)}."),
            $"# One id a line, for {DlqIdList.IdsFileFlag}.",
        }.Concat(left);
        var errors = new List<string>();
        foreach (var folder in new[] { context.Environment.WorkingDirectory, Path.GetTempPath() })
        {
            try
            {
                var path = WriteNew(folder, name, lines);
                return new ContinueIds(DlqIdList.IdsFileFlag, path) { FilePath = path };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{folder}: {e.Message}");
            }
        }

        return AsTyped with { FileError = string.Join("; ", errors) };
    }

    /// <summary>Writes a new file, never over an earlier run's: a second stop in the same second gets <c>-2</c>.</summary>
    private static string WriteNew(string folder, string name, IEnumerable<string> lines)
    {
        for (var attempt = 1; ; attempt++)
        {
            var path = Path.GetFullPath(Path.Combine(folder, attempt == 1 ? $"{name}.txt" : string.Create(CultureInfo.InvariantCulture, $"{name}-{attempt}.txt")));
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            }
            catch (IOException) when (File.Exists(path))
            {
                continue;
            }

            try
            {
                using var writer = new StreamWriter(file);
                foreach (var line in lines)
                {
                    writer.WriteLine(line);
                }

                return path;
            }
            catch (IOException)
            {
                // A file cut short (a full disk) would continue with part of the ids: none is better.
                File.Delete(path);
                throw;
            }
        }
    }
}
