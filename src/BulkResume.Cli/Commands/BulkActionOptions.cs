using System.CommandLine;
using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Commands;

/// <summary><c>--dry-run</c>, <c>--yes</c> and <c>--confirm-above</c>: the guard every bulk action has.</summary>
internal sealed class BulkActionOptions
{
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Show what would be acted on (count and table) and change nothing." };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Act without asking, however many entries match." };
    private readonly Option<int> _confirmAbove = WholeNumberOption.WithDefault(
        "--confirm-above", "Ask before acting on more entries than this (without --yes).", 100, 0, int.MaxValue, "0 always asks");

    public void AddTo(Command command)
    {
        command.Options.Add(_dryRun);
        command.Options.Add(_yes);
        command.Options.Add(_confirmAbove);
    }

    public BulkFlags Read(ParseResult parse, int previewLimit) =>
        new(parse.GetValue(_dryRun), parse.GetValue(_yes), parse.GetValue(_confirmAbove), previewLimit);
}
