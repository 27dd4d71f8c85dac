using System.Globalization;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output;

/// <summary>The lines a run by ids adds to its report, the same for resume, restart and delete: ids skipped, ids in doubt, and where the ids left were written.</summary>
internal static class IdsReport
{
    /// <summary>The ids a 404 named as not in the DLQ, which the run skipped: said even when it finished.</summary>
    public static void Missing(CliOutput output, BulkVerb verb, int missing)
    {
        if (missing > 0)
        {
            var gone = verb == BulkVerb.Delete ? "already deleted" : $"already {verb.Past} or deleted";
            output.Line(Invariant($"{missing} of the ids were not in the DLQ ({gone}, or never there) and were skipped."));
        }
    }

    /// <summary>What is known of the ids left, and where they were written for the command that continues.</summary>
    public static void Left(CliOutput output, BulkVerb verb, Remainder? left, ContinueIds? ids)
    {
        if (left is { InDoubt: > 0 and var inDoubt })
        {
            output.Line(Invariant($"{inDoubt} of them were in requests whose outcome is unknown: each was {verb.Past} once or is still in the DLQ, and the command below skips those already gone."));
        }

        if (left is { InDoubtGone: > 0 and var gone })
        {
            output.Line($"{CliText.Count(gone, "id whose outcome was unknown is", "ids whose outcome was unknown are")} no longer in the DLQ: {verb.Past} once, not listed.");
        }

        if (ids?.FilePath is { } path)
        {
            output.Verbatim(Invariant($"The {left?.DlqIds?.Count} ids left are in {path} (one a line)."));
        }

        if (ids?.FileError is { } error)
        {
            output.Error($"The ids left could not be written to a file ({error}). The command below is the one you ran: it skips the ids no longer in the DLQ.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
