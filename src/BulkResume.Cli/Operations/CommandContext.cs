using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>What a command's work gets: the environment, where to write, the DLQ and its name, and the command line as typed (to print the one that continues).</summary>
internal sealed record CommandContext(CliEnvironment Environment, CliOutput Output, DlqClient Dlq, string Target, IReadOnlyList<string> CommandLine);
