using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace BulkResume.Docs.Tests;

/// <summary>
/// Runs a shell block of the docs as a reader pastes it, by bash with <c>set -e</c>, in a network namespace of its own
/// (so the docs' port 8080 is free and nothing else is reachable), with a fresh emulator seeded with the demo DLQ on
/// that port unless the block starts one itself. The environment is the one the docs state: <c>$TOKEN</c> is the
/// emulator's token and <c>QSTASH_URL</c> its address; <c>bulkresume</c> and <c>bulkresume-emulator</c> are this
/// build's tools; <c>dotnet run</c> runs this build's projects. A command ending in <c># exit N</c> must exit N.
/// </summary>
internal static partial class ShellExample
{
    public const string Token = "docs-token";

    public const string EmulatorUrl = "http://127.0.0.1:8080";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>This test's build configuration, which the projects <c>dotnet run</c> runs were built in too.</summary>
    private static readonly string Configuration = typeof(ShellExample).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    [GeneratedRegex(@"^(?<command>.*\S)\s+#\s*exit (?<code>\d+)\b.*$", RegexOptions.Multiline)]
    private static partial Regex ExpectedExit();

    [GeneratedRegex(@"^\s*(?:[A-Z_]+=\S*\s+)*bulkresume-emulator\b", RegexOptions.Multiline)]
    private static partial Regex StartsAnEmulator();

    /// <summary>Runs the block; the exit code is bash's (0 when every command exited as the docs say).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string block)
    {
        string work = Directory.CreateTempSubdirectory("bulkresume-docs-").FullName;
        try
        {
            string tools = Path.Combine(work, "tools");
            Directory.CreateDirectory(tools);
            WriteTool(tools, "bulkresume", "bulkresume.dll");
            WriteTool(tools, "bulkresume-emulator", "bulkresume-emulator.dll");
            string script = Path.Combine(work, "example.sh");
            await File.WriteAllTextAsync(script, Prelude(tools, emulator: !StartsAnEmulator().IsMatch(block)) + WithExpectedExits(block));
            return await RunBashAsync(script);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Prelude(string tools, bool emulator)
    {
        var prelude = new StringBuilder($$"""
            set -eo pipefail
            trap 'echo "docs test: this command failed: $BASH_COMMAND" >&2' ERR
            trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
            ip link set lo up
            export PATH="{{tools}}:$PATH" TOKEN={{Token}} QSTASH_URL={{EmulatorUrl}}
            unset QSTASH_TOKEN
            dotnet() {
              if [ "$1" = run ]; then
                shift; command dotnet run -c {{Configuration}} --no-build "$@"
              else
                echo "docs test: 'dotnet $1' is not run here: mark its block '<!-- not run: why -->' and say what runs it" >&2; return 127
              fi
            }

            """);
        if (emulator)
        {
            prelude.AppendLine($"BULKRESUME_EMULATOR_TOKEN={Token} bulkresume-emulator --port 8080 --seed demo --quiet > /dev/null &");
            prelude.AppendLine($"curl -s --retry 30 --retry-delay 1 --retry-connrefused -o /dev/null {EmulatorUrl}/health");
        }

        return prelude.ToString();
    }

    /// <summary>Each <c>command # exit N</c> line runs the command outside <c>set -e</c> and fails unless it exited N.</summary>
    private static string WithExpectedExits(string block) =>
        ExpectedExit().Replace(block, match =>
        {
            string command = match.Groups["command"].Value;
            string code = match.Groups["code"].Value;
            string quoted = command.Replace("'", "'\\''", StringComparison.Ordinal);
            return $"if {command}; then status=0; else status=$?; fi; [ \"$status\" -eq {code} ] || {{ echo 'docs test: '\\''{quoted}'\\'' exited '\"$status\"', the docs say {code}' >&2; exit 1; }}";
        });

    private static void WriteTool(string folder, string name, string dll)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The shell examples run in a Linux network namespace (unshare).");
        }

        string path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, dll)}\" \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script)
    {
        // unshare -rn: a user and network namespace, so an unprivileged test can bring up a loopback of its own.
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = DocumentationSnippets.RepositoryRoot };
        foreach (string arg in new[] { "-rn", "bash", script })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, $"docs test: the example did not end within {Patience.TotalMinutes} minutes and was killed");
            return (-1, output.ToString());
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
