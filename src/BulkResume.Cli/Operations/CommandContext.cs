using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>What a command's work gets: the environment, where to write, the DLQ and what it is, and the command line as typed (to print the one that continues).</summary>
internal sealed record CommandContext(CliEnvironment Environment, CliOutput Output, DlqTarget Target, IReadOnlyList<string> CommandLine)
{
    public DlqClient Dlq => Target.Client.Dlq;
}
