namespace BulkResume.Cli.Arguments;

/// <summary>Explicit ids (of DLQ entries, or of runs for <c>runs cancel</c>) from <c>--ids a,b</c> (repeatable) or <c>--ids-file PATH</c> (one id per line; blank lines and <c>#</c> comments skipped).</summary>
internal static class DlqIdList
{
    public const string IdsFlag = "--ids";
    public const string IdsFileFlag = "--ids-file";

    /// <summary>The ids, or null when neither flag was given.</summary>
    /// <param name="ids">The values of <c>--ids</c>.</param>
    /// <param name="idsFile">The value of <c>--ids-file</c>.</param>
    /// <param name="what">What an id names, in the messages: <c>DLQ id</c>, or <c>run id</c> for <c>runs cancel</c>.</param>
    /// <exception cref="UsageException">Both flags, a blank id, or an unreadable or empty file.</exception>
    public static IReadOnlyList<string>? Read(IReadOnlyList<string> ids, string? idsFile, string what = "DLQ id")
    {
        if (ids.Count > 0 && idsFile is not null)
        {
            throw new UsageException(IdsFlag, $"{IdsFlag} and {IdsFileFlag} can't be used together. Pass the ids one way.");
        }

        return idsFile is not null ? FromFile(idsFile, what) : ids.Count > 0 ? FromValues(ids) : null;
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
                    throw new UsageException(IdsFlag, $"{IdsFlag} '{value}' has an empty id. Separate ids with single commas, such as --ids ID1,ID2.");
                }

                ids.Add(id);
            }
        }

        return ids;
    }

    private static List<string> FromFile(string path, string what)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(IdsFileFlag, $"{IdsFileFlag} '{path}' can't be read ({e.Message}). Pass a readable file with one {what} per line.");
        }

        var ids = lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        return ids.Count > 0
            ? ids
            : throw new UsageException(IdsFileFlag, $"{IdsFileFlag} '{path}' has no ids. Put one {what} per line.");
    }
}
