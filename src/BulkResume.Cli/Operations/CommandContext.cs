using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>What a command's work gets: the environment, where to write, and the DLQ.</summary>
internal sealed record CommandContext(CliEnvironment Environment, CliOutput Output, DlqClient Dlq);
