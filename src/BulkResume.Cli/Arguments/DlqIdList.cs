namespace BulkResume.Cli.Arguments;

/// <summary>Explicit DLQ ids from <c>--ids a,b</c> (repeatable) or <c>--ids-file PATH</c> (one id per line; blank lines and <c>#</c> comments skipped).</summary>
internal static class DlqIdList
{
    public const string IdsFlag = "--ids";
    public const string IdsFileFlag = "--ids-file";

    /// <summary>The ids, or null when neither flag was given.</summary>
    /// <exception cref="UsageException">Both flags, a blank id, or an unreadable or empty file.</exception>
    public static IReadOnlyList<string>? Read(IReadOnlyList<string> ids, string? idsFile)
    {
        if (ids.Count > 0 && idsFile is not null)
        {
            throw new UsageException(IdsFlag, $"{IdsFlag} and {IdsFileFlag} can't be used together. Pass the ids one way.");
        }

        return idsFile is not null ? FromFile(idsFile) : ids.Count > 0 ? FromValues(ids) : null;
    }

    private static List<string> FromValues(IReadOnlyList<string> values)
    {
        var ids = new List<string>();
        foreach (var value in values)
        {
            foreach (var id in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (id.Length == 0)
                {
                    throw new UsageException(IdsFlag, $"{IdsFlag} '{value}' has an empty id. Separate ids with single commas, such as --ids 1752829295505-0,1752829295505-1.");
                }

                ids.Add(id);
            }
        }

        return ids;
    }

    private static List<string> FromFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(IdsFileFlag, $"{IdsFileFlag} '{path}' can't be read ({e.Message}). Pass a readable file with one DLQ id per line.");
        }

        var ids = lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        return ids.Count > 0
            ? ids
            : throw new UsageException(IdsFileFlag, $"{IdsFileFlag} '{path}' has no ids. Put one DLQ id per line.");
    }
}
