using System.Net;
using System.Net.Sockets;
using BulkResume.Cli.Tests.Support;
using BulkResume.Engine;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>Which DLQ a command acts on: named in every output, never the demo by accident, never the token shown.</summary>
public sealed class TargetTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task No_token_with_QSTASH_URL_set_exits_2_says_how_to_set_one_and_touches_nothing()
    {
        await _cli.SeedAsync(5, CliHarness.OrdersUrl, run => run.WithLabels("checkout"));
        _cli.Variables[WorkflowClientOptions.TokenEnvironmentVariable] = "";

        var run = await _cli.RunAsync("resume", "--label", "checkout", "--yes", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"error: No token for {CliHarness.EngineUrl}, so nothing was sent. Set QSTASH_TOKEN (export QSTASH_TOKEN=...) or pass --token TOKEN; or pass --demo", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
        Assert.Equal(5, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Demo_acts_on_the_embedded_demo_and_says_so_in_every_output()
    {
        _cli.Variables.Clear();

        var human = await _cli.RunAsync("list", "--demo", "--limit", "0");
        var json = await _cli.RunAsync("resume", "--demo", "--workflow-url", BulkResume.Engine.DemoDlq.CheckoutUrl, "--yes", "--json");

        Assert.Equal((0, 0), (human.ExitCode, json.ExitCode));
        Assert.StartsWith("Target: demo (--demo): an embedded engine seeded with 143 demo entries", human.Console, StringComparison.Ordinal);
        Assert.Contains("143 entries in the DLQ (no filter).", human.Console, StringComparison.Ordinal);
        Assert.Equal(("demo", "done", 125), (json.Json().GetProperty("target").GetString(), json.Json().GetProperty("status").GetString(), json.Json().GetProperty("processed").GetInt32()));
        Assert.Equal(0, _cli.RequestsSent);
    }

    [Theory]
    [InlineData("--token", "t")]
    [InlineData("--url", "http://127.0.0.1:8080")]
    public async Task Demo_with_a_service_flag_is_refused_as_ambiguous(string flag, string value)
    {
        var run = await _cli.RunAsync("list", "--demo", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--demo acts on an embedded demo DLQ, so it can't be combined with {flag}.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_and_url_flags_win_over_the_environment_and_are_named_but_the_token_is_never_shown()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        _cli.Variables[WorkflowClientOptions.TokenEnvironmentVariable] = "a-token-of-another-service";

        var run = await _cli.RunAsync("list", "--token", _cli.Server.Token, "--url", "http://other.test:8080");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Target: http://other.test:8080 (address from --url, token from --token).", run.Console, StringComparison.Ordinal);
        Assert.Equal(["http://other.test:8080"], _cli.HostsCalled);
        Assert.DoesNotContain(_cli.Server.Token, run.Console + run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example.com/api/workflows/orders", "has a path, but it is the service's address (the token is sent there)")]
    [InlineData("ftp://files.example.com", "is not an http or https address")]
    [InlineData(" ", "--url is blank")]
    [InlineData("https://user:secret@qstash.upstash.io", "carries credentials before its host name")]
    public async Task A_url_that_is_not_a_service_address_is_refused_before_the_token_is_sent_anywhere(string url, string expected)
    {
        var run = await _cli.RunAsync("resume", "--all", "--yes", "--url", url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
    }

    [Fact]
    public async Task A_path_in_QSTASH_URL_is_refused_naming_the_variable()
    {
        _cli.Variables[WorkflowClientOptions.BaseUrlEnvironmentVariable] = "https://shop.example.com/api/workflows/orders";

        var run = await _cli.RunAsync("list");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("QSTASH_URL 'https://shop.example.com/api/workflows/orders' has a path", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--workflow-url", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_says_which_service_refused_it_and_where_the_token_comes_from()
    {
        var run = await _cli.RunAsync("list", "--token", "wrong-token");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {CliHarness.EngineUrl} refused the token from --token (401). It must be this service's token: check --token.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_nothing_listens_it_says_so_with_the_address_instead_of_a_status_0()
    {
        _cli.UseNetwork = true;
        var port = FreePort();

        var run = await _cli.RunAsync("list", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: Could not reach http://127.0.0.1:{port}: nothing listens there (connection refused). Check --url (or QSTASH_URL)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("answered 0", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
