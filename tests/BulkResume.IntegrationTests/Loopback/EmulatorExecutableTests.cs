using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>The emulator executable as a child process: started, seeded over the admin API, drained, stopped with SIGTERM.</summary>
public sealed partial class EmulatorExecutableTests
{
    private const string Token = "dev-token";

    [GeneratedRegex(@"^BulkResume emulator listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();

    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "bulkresume-emulator.dll");

    private static async Task<(Process Process, Uri Url)> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(EmulatorDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"The emulator did not say it was listening within 60 s. Its errors: {errors}");
        }

        Match match = ListeningLine().Match(line ?? string.Empty);
        Assert.True(match.Success, $"expected the listening line, got '{line}'; errors: {errors}");
        return (process, new Uri(match.Groups[1].Value));
    }

    private static async Task<int> StopAsync(Process process)
    {
        Assert.Equal(0, Kill(process.Id, 15));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static async Task<string> AdminAsync(Uri url, HttpMethod method, string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Started_seeded_drained_and_stopped_with_SIGTERM()
    {
        var (process, url) = await StartAsync("--port", "0", "--token", Token);
        using var _ = process;

        await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", """{"count":120,"workflowUrl":"https://a.example/w"}""");
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = url, Token = Token });
        List<ResumedRun> runs = await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));
        string stats = await AdminAsync(url, HttpMethod.Get, "/_emulator/stats");

        Assert.Equal(120, runs.Count);
        Assert.StartsWith("""{"dlq":0,"resumed":120,""", stats, StringComparison.Ordinal);
        Assert.Equal(0, await StopAsync(process));
    }

    [Fact]
    public async Task A_sqlite_store_survives_a_restart_and_stats_are_counted_from_it()
    {
        string file = Path.Combine(Path.GetTempPath(), $"bulkresume-emulator-{Guid.NewGuid():N}.db");
        try
        {
            var (first, url) = await StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file);
            await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", """{"count":30}""");
            await Drain.AllAsync(new WorkflowClient(new WorkflowClientOptions { BaseUrl = url, Token = Token }).Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 10 }).AsPages().Take(1));
            Assert.Equal(0, await StopAsync(first));
            first.Dispose();

            var (second, url2) = await StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file);
            using var _ = second;
            string stats = await AdminAsync(url2, HttpMethod.Get, "/_emulator/stats");

            Assert.StartsWith("""{"dlq":20,"resumed":10,"restarted":0,""", stats, StringComparison.Ordinal);
            Assert.Equal(0, await StopAsync(second));
        }
        finally
        {
            foreach (string path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Theory]
    [InlineData(new[] { "--port", "0" }, "token is required")]
    [InlineData(new[] { "--port", "x", "--token", "t" }, "--port must be")]
    [InlineData(new[] { "--token", "t", "--store", "redis:x" }, "--store must be")]
    public async Task Bad_arguments_exit_2_with_a_message(string[] args, string expected)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(EmulatorDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_exits_2_with_a_message_that_says_what_to_do()
    {
        await using var taken = await BulkResume.Emulator.WorkflowEmulator.StartAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { EmulatorDll, "--port", taken.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", Token })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Choose another port", error, StringComparison.Ordinal);
    }
}
