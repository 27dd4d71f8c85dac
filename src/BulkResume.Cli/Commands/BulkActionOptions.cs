using System.CommandLine;
using BulkResume.Cli.Arguments;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>--dry-run</c>, <c>--yes</c> and <c>--confirm-above</c>: the guard every bulk action has.</summary>
internal sealed class BulkActionOptions
{
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Show what would be acted on (count and table) and change nothing." };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Act without asking, however many entries match." };
    private readonly Option<long> _confirmAbove = new("--confirm-above") { Description = "Ask before acting on more entries than this (without --yes).", DefaultValueFactory = _ => 100, HelpName = "N" };

    public void AddTo(Command command)
    {
        command.Options.Add(_dryRun);
        command.Options.Add(_yes);
        command.Options.Add(_confirmAbove);
    }

    public BulkFlags Read(ParseResult parse, int previewLimit)
    {
        var confirmAbove = parse.GetValue(_confirmAbove);
        return confirmAbove >= 0
            ? new BulkFlags(parse.GetValue(_dryRun), parse.GetValue(_yes), confirmAbove, previewLimit)
            : throw new UsageException("--confirm-above", $"--confirm-above {confirmAbove} is negative. Pass 0 to always ask, or a number of entries.");
    }
}
