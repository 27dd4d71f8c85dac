using System.Text.Json;

namespace BulkResume.Cli.Tests.Support;

/// <summary>One in-process run of the CLI: its exit code and what it wrote where.</summary>
internal sealed record CliRun(int ExitCode, string Console, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the single JSON document <c>--json</c> promises (throws if it is anything else).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The arguments of the printed command that continues (they need no quoting here), without the program's name.</summary>
    public string[] ContinueCommand() =>
        Console.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("  bulkresume ", StringComparison.Ordinal))
            .Trim().Split(' ')[1..];
}
