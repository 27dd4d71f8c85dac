using BulkResume.Cli.Arguments;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>What every bulk action does before acting: show the selection for <c>--dry-run</c>, or confirm it unless <c>--yes</c>.</summary>
internal static class BulkGate
{
    public static async Task<BulkGateResult> CheckAsync(CommandContext context, BulkVerb verb, Selection selection, BulkFlags flags)
    {
        if (flags.DryRun)
        {
            var preview = await SelectionPreview.LoadAsync(context.Dlq, selection.Filter, flags.PreviewLimit, context.Environment.StopRequested);
            SelectionView.Write(context, verb.Name, selection, preview, dryRunOf: verb);
            return BulkGateResult.Stop(ExitCodes.Done);
        }

        if (flags.Yes)
        {
            return BulkGateResult.Go(total: null);
        }

        var (outcome, count) = await Confirmation.AskAsync(context, verb, selection, flags.ConfirmAbove);
        switch (outcome)
        {
            case ConfirmationOutcome.Proceed:
                return BulkGateResult.Go(count);
            case ConfirmationOutcome.Declined:
                context.Output.Notice($"Nothing was {verb.Past}.");
                return BulkGateResult.Stop(ExitCodes.Failed);
            default:
                return BulkGateResult.Stop(ExitCodes.BadArguments);
        }
    }
}
