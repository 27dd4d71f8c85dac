using System.Diagnostics;
using System.Text.Json;

namespace BulkResume.IntegrationTests.Support;

/// <summary>
/// tests/OfficialSdk, where the official TypeScript SDK (<c>@upstash/workflow</c> 1.3.3) and the scripts that drive it
/// live, with its packages installed (by <c>npm ci</c> when they are missing). Without Node.js a test using it skips on a
/// developer's machine and fails under CI, which installs it.
/// </summary>
internal static class OfficialSdk
{
    /// <summary>Runs one of the folder's scripts against a service and returns the one JSON document it prints.</summary>
    /// <param name="script">The script's file name, such as <c>trigger.mjs</c>.</param>
    /// <param name="serviceUrl">The service the SDK calls (<c>QSTASH_URL</c>).</param>
    /// <param name="token">Its token (<c>QSTASH_TOKEN</c>).</param>
    /// <param name="args">The script's arguments.</param>
    public static async Task<JsonElement> RunScriptAsync(string script, Uri serviceUrl, string token, params string[] args)
    {
        string stdout = await RunNodeAsync(
            script,
            new Dictionary<string, string?> { ["QSTASH_URL"] = serviceUrl.GetLeftPart(UriPartial.Authority), ["QSTASH_TOKEN"] = token },
            args);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>
    /// Runs one of the folder's scripts with <paramref name="environment"/> and no other setting the SDK reads (no
    /// <c>QSTASH_*</c>, <c>UPSTASH_*</c> or <c>NODE_ENV</c> of the machine's), and returns its stdout.
    /// </summary>
    /// <param name="script">The script's file name.</param>
    /// <param name="environment">The variables the script gets.</param>
    /// <param name="args">The script's arguments.</param>
    public static async Task<string> RunNodeAsync(string script, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        string folder = await FolderAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, script));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in start.Environment.Keys.Where(name => name.StartsWith("QSTASH_", StringComparison.Ordinal) || name.StartsWith("UPSTASH_", StringComparison.Ordinal) || name == "NODE_ENV").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not exit within 60 s and was killed: {await stderr}");
        }

        Assert.True(node.ExitCode == 0, $"node {script} exited {node.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>The folder, its packages installed.</summary>
    public static async Task<string> FolderAsync()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "BulkResume.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        string sdk = Path.Combine(directory ?? throw new InvalidOperationException("The repository root (BulkResume.sln) is not above the test's folder."), "tests", "OfficialSdk");
        if (Directory.Exists(Path.Combine(sdk, "node_modules", "@upstash", "workflow")) && Directory.Exists(Path.Combine(sdk, "node_modules", "express")))
        {
            return sdk;
        }

        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Process? npm;
        try
        {
            npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = sdk, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception) when (!ci)
        {
            npm = null;
        }

        Skip.If(npm is null, "Node.js and npm are not installed; the official SDK can't be run here (CI installs them).");
        using (npm)
        {
            Task<string> errors = npm!.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            Assert.True(npm.ExitCode == 0, $"npm ci in {sdk} failed: {await errors}");
        }

        return sdk;
    }
}
