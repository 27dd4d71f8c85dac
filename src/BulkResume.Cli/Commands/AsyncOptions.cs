using System.CommandLine;
using System.CommandLine.Parsing;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>--async</c> and <c>--detach</c>: start a bulk action the service works through by itself, instead of paging from here.</summary>
/// <remarks>
/// The flags of paging from here are refused with it, by name, not ignored: the operator who typed them expected them
/// to do something.
/// </remarks>
internal sealed class AsyncOptions
{
    public const string Flag = "--async";
    public const string DetachFlag = "--detach";

    private const string ByIds = "a bulk action covers a selection by filters, not a list of ids. Select by filters, or drop --async to act on the ids from here";

    /// <summary>The flags that only mean something when this command pages itself, and why each can't go with <c>--async</c>.</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        [DlqIdList.IdsFlag] = ByIds,
        [DlqIdList.IdsFileFlag] = ByIds,
        [ConcurrencyOption.Flag] = $"the service works through the action itself, with no request of this command in flight. Drop {ConcurrencyOption.Flag}, or drop --async to drain from here",
        [RunOverrideOptions.PageSizeFlag] = $"the service works through the action in slices of its own. Drop {RunOverrideOptions.PageSizeFlag}, or drop --async to page from here",
        [RunOverrideOptions.ResumeFromFlag] = $"a bulk action has no cursor (one you stopped watching goes on, and bulkresume actions watch ID follows it again). Drop {RunOverrideOptions.ResumeFromFlag}, or drop --async to continue the paged run",
    };

    private readonly Option<bool> _async = new(Flag)
    {
        Description = "Start a bulk action that the service works through by itself, and follow it with a progress bar (Ctrl+C stops watching; the action goes on). "
            + "For a large selection that should finish without this command. Takes filters, not ids.",
    };

    private readonly Option<bool> _detach = new(DetachFlag) { Description = "With --async: print the action's id and the command that watches it, and return at once." };

    public void AddTo(Command command)
    {
        command.Options.Add(_async);
        command.Options.Add(_detach);
    }

    /// <summary>Whether the command starts a bulk action, and whether it watches it; null to page from here.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="demo">Whether the DLQ is the embedded demo, which ends with the process.</param>
    /// <exception cref="UsageException"><c>--detach</c> without <c>--async</c> or with <c>--demo</c>, or a flag of paging from here with <c>--async</c>.</exception>
    public AsyncMode? Read(ParseResult parse, bool demo)
    {
        var detach = parse.GetValue(_detach);
        if (!parse.GetValue(_async))
        {
            return detach
                ? throw new UsageException(DetachFlag, $"{DetachFlag} goes with {Flag}: only a bulk action runs on without this command. Add {Flag} to start one and return at once, or drop {DetachFlag}.")
                : null;
        }

        if (parse.CommandResult.Children.OfType<OptionResult>().FirstOrDefault(given => !given.Implicit && Refused.ContainsKey(given.Option.Name)) is { } refused)
        {
            var flag = refused.Option.Name;
            throw new UsageException(flag, $"{flag} can't be used with {Flag}: {Refused[flag]}.");
        }

        if (detach && demo)
        {
            throw new UsageException(
                DetachFlag,
                $"{DetachFlag} leaves the action to run without this command, but the {TargetArguments.DemoFlag} DLQ lives in this process and ends with it. Drop {DetachFlag} to watch the action to its end.");
        }

        return detach ? AsyncMode.Detach : AsyncMode.Watch;
    }
}
