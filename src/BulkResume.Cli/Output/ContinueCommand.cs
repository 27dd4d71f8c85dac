using BulkResume.Cli.Arguments;
using BulkResume.Cli.Hosting;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output;

/// <summary>
/// The command that continues an interrupted bulk action, ready to paste: the command line as typed, with the new
/// cursor in place of any earlier <c>--resume-from</c>, relative times (<c>--from -2h</c>) replaced by the times they
/// stood for (pasted later, they would select other entries, which the cursor refuses), and without a <c>--token</c>
/// value (never printed).
/// </summary>
/// <remarks>
/// Arguments are quoted for a POSIX shell where they need it. A bulk action is continued by watching it again:
/// <see cref="Watch"/>.
/// </remarks>
internal static class ContinueCommand
{
    private const string ResumeFromFlag = "--resume-from";
    private const string TokenFlag = "--token";

    /// <summary>The command, and whether a <c>--token</c> was left out (the operator passes it again, or sets QSTASH_TOKEN).</summary>
    /// <param name="commandLine">The arguments as typed.</param>
    /// <param name="cursor">Where to continue, or null to run the same selection again (a concurrent run: what it did has left the DLQ).</param>
    /// <param name="resolvedTimes">Each time flag given, with the time it was resolved to.</param>
    /// <param name="ids">By ids without a cursor: how the ids left are named, instead of those given.</param>
    public static (string Command, bool TokenOmitted) Build(IReadOnlyList<string> commandLine, string? cursor, IReadOnlyDictionary<string, string> resolvedTimes, ContinueIds? ids = null)
    {
        var remainingIds = ids is { Flag: { } flag, Value: { } value } ? (Flag: flag, Value: value) : ((string Flag, string Value)?)null;
        var kept = new List<string> { CliApp.Name };
        var tokenOmitted = false;
        for (var i = 0; i < commandLine.Count; i++)
        {
            var argument = commandLine[i];
            if (IsFlag(argument, ResumeFromFlag, out var inline) || IsFlag(argument, TokenFlag, out inline)
                || (remainingIds is not null && (IsFlag(argument, DlqIdList.IdsFlag, out inline) || IsFlag(argument, DlqIdList.IdsFileFlag, out inline))))
            {
                tokenOmitted |= argument.StartsWith(TokenFlag, StringComparison.Ordinal);
                i += inline ? 0 : 1;
                continue;
            }

            if (resolvedTimes.Keys.FirstOrDefault(flag => IsFlag(argument, flag, out _)) is { } timeFlag)
            {
                IsFlag(argument, timeFlag, out inline);
                kept.Add(timeFlag);
                kept.Add(resolvedTimes[timeFlag]);
                i += inline ? 0 : 1;
                continue;
            }

            kept.Add(argument);
        }

        if (remainingIds is { } named)
        {
            kept.Add(named.Flag);
            kept.Add(named.Value);
        }

        if (cursor is not null)
        {
            kept.Add(ResumeFromFlag);
            kept.Add(cursor);
        }

        return (string.Join(' ', kept.Select(Quote)), tokenOmitted);
    }

    /// <summary>The line above the command: it says to pass the token again when the command leaves it out.</summary>
    public static string Heading(bool tokenOmitted) =>
        tokenOmitted ? "Continue with (pass your token again with --token, or set QSTASH_TOKEN):" : "Continue with:";

    /// <summary>
    /// The command that watches bulk action <paramref name="actionId"/> on the same DLQ (its <c>--url</c>, never the
    /// token), or null for the demo, whose actions end with the process.
    /// </summary>
    public static string? Watch(DlqTarget target, string actionId) => target.Flags is null ? null : Actions(target, "watch", actionId);

    /// <summary>A <c>bulkresume actions ...</c> command on the same DLQ.</summary>
    public static string Actions(DlqTarget target, params string[] args) =>
        string.Join(' ', new[] { CliApp.Name, "actions" }.Concat(args).Concat(target.Flags ?? []).Select(Quote));

    /// <summary>The line above a watch command: it says to pass the token again when it came from <c>--token</c>.</summary>
    public static string WatchHeading(DlqTarget target, bool again) =>
        $"Watch it {(again ? "again " : string.Empty)}with{(target.TokenSource == TokenFlag ? " (pass your token again with --token, or set QSTASH_TOKEN)" : string.Empty)}:";

    private static bool IsFlag(string argument, string flag, out bool inlineValue)
    {
        inlineValue = argument.Length > flag.Length && argument.StartsWith(flag, StringComparison.Ordinal) && argument[flag.Length] is '=' or ':';
        return inlineValue || argument == flag;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
