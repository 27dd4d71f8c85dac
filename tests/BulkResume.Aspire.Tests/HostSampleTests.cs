using BulkResume.Emulator;
using BulkResume.Engine;

namespace BulkResume.Aspire.Tests;

/// <summary>samples/BulkResume.Host as a process: when its work fails it says so on stderr and exits 1, never a silent 0.</summary>
public sealed class HostSampleTests : IAsyncLifetime
{
    private WorkflowEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { Token = "the-right-token" });
        await _emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, DemoDlq.CheckoutUrl, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1)));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task It_resumes_with_the_right_token_and_exits_0()
    {
        var (exitCode, stdout, stderr) = await RunAsync("the-right-token", Authority);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Done: 3 runs resumed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_an_error_on_stderr_and_exit_code_1()
    {
        var (exitCode, _, stderr) = await RunAsync("a-wrong-token", Authority);

        Assert.Equal(1, exitCode);
        Assert.Contains("401", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_url_with_a_path_is_an_error_on_stderr_and_exit_code_1()
    {
        var (exitCode, _, stderr) = await RunAsync("the-right-token", Authority + "/v2/workflows");

        Assert.Equal(1, exitCode);
        Assert.Contains("/v2/workflows", stderr, StringComparison.Ordinal);
    }

    private string Authority => _emulator.Url.GetLeftPart(UriPartial.Authority);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string token, string url)
    {
        using var host = SampleProcess.Dll("BulkResume.Host", new Dictionary<string, string?> { ["QSTASH_TOKEN"] = token, ["QSTASH_URL"] = url });
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromMinutes(1)), "the worker did not exit:\n" + host.Stdout + host.Stderr);
        return (host.ExitCode, host.Stdout, host.Stderr);
    }
}
