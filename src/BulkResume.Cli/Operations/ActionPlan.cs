using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>A checked <c>--async</c> command: what the bulk action covers, how carefully it is started, whether it is watched, and the call that starts it.</summary>
/// <param name="Verb">What the action does.</param>
/// <param name="Selection">What it covers: filters, never ids.</param>
/// <param name="Flags">The gate's flags: <c>--dry-run</c>, <c>--yes</c>, <c>--confirm-above</c>.</param>
/// <param name="Mode">Watched to the end, or detached.</param>
/// <param name="Start">Starts the action; the token abandons the request that starts it (a second Ctrl+C).</param>
internal sealed record ActionPlan(BulkVerb Verb, Selection Selection, BulkFlags Flags, AsyncMode Mode, Func<DlqClient, CancellationToken, Task<BulkActionOperation>> Start);
