using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Net;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Delivery;
using BulkResume.IntegrationTests.Support;
using BulkResume.Tests.Shared;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The emulator program as a child process, as an operator or another language's test suite runs it: its arguments,
/// its warnings, its request log, its demo seed on a file, and a graceful stop on SIGTERM.
/// </summary>
public sealed partial class EmulatorExecutableTests
{
    internal const string Token = "dev-token";

    [GeneratedRegex(@"^BulkResume emulator listening on http://(?<host>[0-9.]+):(?<port>\d+)$")]
    private static partial Regex ListeningLine();

    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "bulkresume-emulator.dll");

    [Fact]
    public async Task Started_seeded_drained_and_stopped_with_SIGTERM()
    {
        await using var emulator = await RunningEmulator.StartAsync("--port", "0", "--token", Token);

        await AdminAsync(emulator.Url, HttpMethod.Post, "/_emulator/seed", """{"count":120,"workflowUrl":"https://a.example/w"}""");
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = Token });
        List<ResumedRun> runs = await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));
        string stats = await AdminAsync(emulator.Url, HttpMethod.Get, "/_emulator/stats");

        Assert.Equal(120, runs.Count);
        Assert.StartsWith("""{"dlq":0,"resumed":120,""", stats, StringComparison.Ordinal);
        Assert.Equal(0, await emulator.StopAsync());
        Assert.Contains("BulkResume emulator stopping", emulator.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_store_survives_a_restart_and_stats_are_counted_from_it()
    {
        using var file = new TemporaryDatabase();
        await using (var first = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file.Path))
        {
            await AdminAsync(first.Url, HttpMethod.Post, "/_emulator/seed", """{"count":30}""");
            await Drain.AllAsync(new WorkflowClient(new WorkflowClientOptions { BaseUrl = first.Url, Token = Token }).Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 10 }).AsPages().Take(1));
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file.Path);
        string stats = await AdminAsync(second.Url, HttpMethod.Get, "/_emulator/stats");

        Assert.StartsWith("""{"dlq":20,"resumed":10,"restarted":0,""", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_on_a_file_seeds_once_however_often_it_restarts()
    {
        using var file = new TemporaryDatabase();
        string[] args = ["--port", "0", "--token", Token, "--store", "sqlite:" + file.Path, "--seed", "demo"];
        await using (var first = await RunningEmulator.StartAsync(args))
        {
            await first.WaitForOutputAsync("Seeded the demo DLQ");
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await RunningEmulator.StartAsync(args);
        await second.WaitForOutputAsync("Not seeding the demo");
        string stats = await AdminAsync(second.Url, HttpMethod.Get, "/_emulator/stats");

        Assert.StartsWith($$"""{"dlq":{{BulkResume.Engine.DemoDlq.Count}},""", stats, StringComparison.Ordinal);
        Assert.Contains($"already holds {BulkResume.Engine.DemoDlq.Count} DLQ entries", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_on_a_file_of_one_entry_says_one_entry_and_one_run()
    {
        using var file = new TemporaryDatabase();
        await using (var first = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file.Path))
        {
            await AdminAsync(first.Url, HttpMethod.Post, "/_emulator/seed", """{"count":1}""");
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--store", "sqlite:" + file.Path, "--seed", "demo");
        await second.WaitForOutputAsync("Not seeding the demo");

        Assert.Contains("already holds 1 DLQ entry and 1 run (--seed demo", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_is_logged_on_one_line_without_the_token_and_quiet_turns_that_off()
    {
        const string QueryToken = "query-secret-token";
        await using var logged = await RunningEmulator.StartAsync("--port", "0", "--token", Token);
        await using var quiet = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--quiet");
        foreach (var emulator in new[] { logged, quiet })
        {
            using var http = new HttpClient { BaseAddress = emulator.Url };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            (await http.GetAsync($"/v2/workflows/dlq?qstash_token={QueryToken}")).Dispose();
            (await http.GetAsync("/health")).Dispose();
        }

        await logged.WaitForOutputAsync("GET /health 200");
        Assert.Equal(0, await logged.StopAsync());
        Assert.Equal(0, await quiet.StopAsync());

        Assert.Matches(@"(?m)^\S+ info: BulkResume\.Emulator\.Requests\[\d+\] GET /v2/workflows/dlq 401 [0-9.]+ ms$", logged.Output);
        Assert.DoesNotContain(QueryToken, logged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, logged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BulkResume.Emulator.Requests", quiet.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_describes_every_flag()
    {
        var (exitCode, output, _) = await RunToEndAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (string flag in new[] { "--port", "--host", "--token", "--token-file", "BULKRESUME_EMULATOR_TOKEN", "--no-auth", "--allow-remote-without-auth", "--store", "--seed", "--quiet",
            "--dev", "QSTASH_DEV=true", "--signing-key-current", "--signing-key-next", "BULKRESUME_EMULATOR_CURRENT_SIGNING_KEY", "BULKRESUME_EMULATOR_NEXT_SIGNING_KEY" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "--port", "0" }, "A token is required: set BULKRESUME_EMULATOR_TOKEN, or pass --token-file PATH or --token TOKEN")]
    [InlineData(new[] { "--token-file", "/nonexistent/token" }, "--token-file '/nonexistent/token' could not be read")]
    [InlineData(new[] { "--token", "t", "--token-file", "/nonexistent/token" }, "--token and --token-file are two ways to give the token.")]
    [InlineData(new[] { "--token-file", "/dev/null" }, "--token-file '/dev/null' is empty.")]
    [InlineData(new[] { "--port", "x", "--token", "t" }, "--port 'x' is not a port")]
    [InlineData(new[] { "--token", "t", "--store", "redis:x" }, "error: --store 'redis:x' is not a store. Give memory, sqlite:PATH or postgres:CONNECTION_STRING.")]
    [InlineData(new[] { "--token", "t", "--store", "sqlite:" }, "error: --store 'sqlite:' is not a store.")]
    [InlineData(new[] { "--token", "t", "--store", "postgress:Host=db;Password=hunter2" }, "error: --store 'postgress:...' (the rest not shown: it may hold a password) is not a store.")]
    [InlineData(new[] { "--token", "t", "--store", "postgresql://app:hunter2@db/dlq" }, "error: --store 'postgresql:...' (the rest not shown: it may hold a password) is not a store.")]
    [InlineData(new[] { "--token", "t", "--store", "Host=db;Username=app;Password=ab:hunter2" }, "error: --store (not shown: it may hold a password) is not a store.")]
    [InlineData(new[] { "--token", "t", "--seed", "all" }, "--seed 'all' is not a seed")]
    [InlineData(new[] { "--token", "t", "--host", "example.com" }, "--host 'example.com' is not an IP address")]
    [InlineData(new[] { "--prot", "8080", "--token", "t" }, "Did you mean --port instead of '--prot'?")]
    [InlineData(new[] { "--no-auth", "--host", "0.0.0.0" }, "--no-auth with --host 0.0.0.0 would let anyone")]
    [InlineData(new[] { "--token", "t", "--host", "0.0.0.0", "--allow-remote-without-auth" }, "--allow-remote-without-auth goes with --no-auth or --dev only.")]
    [InlineData(new[] { "--token", "t", "--signing-key-current", "sig_hunter2" }, "--signing-key-current needs --signing-key-next: give both keys")]
    [InlineData(new[] { "--token", "t", "--signing-key-next", "sig_hunter2" }, "--signing-key-next needs --signing-key-current: give both keys")]
    [InlineData(new[] { "--token", "t", "--signing-key-current", " ", "--signing-key-next", "sig_hunter2" }, "--signing-key-current is blank.")]
    [InlineData(new[] { "--dev", "--token", "hunter2" }, "--dev accepts the dev server's token; --token gives another. Drop --token, or drop --dev")]
    [InlineData(new[] { "--dev", "--no-auth" }, "--dev and --no-auth contradict each other")]
    [InlineData(new[] { "--dev", "--signing-key-current", "sig_hunter2", "--signing-key-next", "sig_hunter2" }, "--dev signs with the dev server's keys; --signing-key-current and --signing-key-next give others.")]
    [InlineData(new[] { "--dev", "--host", "0.0.0.0" }, "--dev, whose token is published, with --host 0.0.0.0 would let anyone")]
    public async Task Bad_arguments_exit_2_with_a_message_and_nothing_listens(string[] args, string expected)
    {
        var (exitCode, output, error) = await RunToEndAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_loopback_address_is_served_with_a_warning_and_without_auth_only_when_allowed_explicitly()
    {
        await using var withToken = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--host", "0.0.0.0");
        await using var open = await RunningEmulator.StartAsync("--port", "0", "--no-auth", "--host", "0.0.0.0", "--allow-remote-without-auth");
        using var http = new HttpClient();
        using HttpResponseMessage health = await http.GetAsync(new Uri(open.Url, "/health"));

        await withToken.WaitForErrorsAsync("warning: --host 0.0.0.0 serves every machine that can reach this one");
        await open.WaitForErrorsAsync("without authentication");

        Assert.True(health.IsSuccessStatusCode);
        Assert.DoesNotContain("without authentication", withToken.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_exits_2_with_a_message_that_says_what_to_do()
    {
        await using var taken = await BulkResume.Emulator.WorkflowEmulator.StartAsync();

        var (exitCode, _, error) = await RunToEndAsync("--port", taken.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", Token);

        Assert.Equal(2, exitCode);
        Assert.Contains("Choose another port", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_read_from_a_file_or_BULKRESUME_EMULATOR_TOKEN_and_stays_off_the_command_line()
    {
        string tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "file-token\n");
        try
        {
            await using var fromFile = await RunningEmulator.StartAsync("--port", "0", "--token-file", tokenFile);
            await using var fromEnvironment = await RunningEmulator.StartAsync(
                new Dictionary<string, string?> { ["BULKRESUME_EMULATOR_TOKEN"] = "env-token" }, "--port", "0");

            Assert.StartsWith("""{"dlq":0""", await AdminAsync(fromFile.Url, HttpMethod.Get, "/_emulator/stats", token: "file-token"), StringComparison.Ordinal);
            Assert.StartsWith("""{"dlq":0""", await AdminAsync(fromEnvironment.Url, HttpMethod.Get, "/_emulator/stats", token: "env-token"), StringComparison.Ordinal);
            string commandLine = await File.ReadAllTextAsync($"/proc/{fromEnvironment.ProcessId}/cmdline");
            Assert.DoesNotContain("env-token", commandLine, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task A_token_in_the_environment_with_no_auth_exits_2_rather_than_serve_without_the_token_meant()
    {
        var (exitCode, _, error) = await ChildProcess.RunToEndAsync(
            EmulatorDll, ["--no-auth"], new Dictionary<string, string?> { ["BULKRESUME_EMULATOR_TOKEN"] = "env-token" });

        Assert.Equal(2, exitCode);
        Assert.Contains("BULKRESUME_EMULATOR_TOKEN and --no-auth contradict each other", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_serves_the_dev_servers_token_and_keys_and_says_so_without_showing_them()
    {
        // The variable is the other token of a shell that also runs the emulator for other tests: the --dev flag wins over it.
        await using var emulator = await RunningEmulator.StartAsync(
            new Dictionary<string, string?> { ["BULKRESUME_EMULATOR_TOKEN"] = "env-token" }, "--dev", "--port", "0");
        using var http = new HttpClient { BaseAddress = emulator.Url };

        string keys = await AdminAsync(emulator.Url, HttpMethod.Get, "/v2/keys", token: DevServer.Token);
        using HttpResponseMessage otherToken = await SendAsync(http, "/v2/keys", "env-token");

        Assert.Equal($$"""{"current":"{{SigningKeys.Dev.Current}}","next":"{{SigningKeys.Dev.Next}}"}""", keys);
        Assert.Equal(HttpStatusCode.Unauthorized, otherToken.StatusCode);
        Assert.Equal(0, await emulator.StopAsync());
        Assert.Contains(
            $"Using the local dev server's credentials (its well-known token and signing keys): an app with QSTASH_DEV=true and QSTASH_DEV_PORT={emulator.Url.Port} calls this emulator unchanged.",
            emulator.Output,
            StringComparison.Ordinal);
        foreach (string secret in new[] { DevServer.Token, SigningKeys.Dev.Current, SigningKeys.Dev.Next })
        {
            Assert.DoesNotContain(secret, emulator.Output + emulator.Errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dev_takes_the_dev_token_given_again_as_a_flag()
    {
        await using var emulator = await RunningEmulator.StartAsync("--dev", "--port", "0", "--token", DevServer.Token);

        Assert.StartsWith("""{"dlq":0""", await AdminAsync(emulator.Url, HttpMethod.Get, "/_emulator/stats", token: DevServer.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_come_from_the_flags_or_both_variables_and_GET_v2_keys_answers_them()
    {
        await using var fromFlags = await RunningEmulator.StartAsync(
            "--port", "0", "--token", Token, "--signing-key-current", "sig_flag_current", "--signing-key-next", "sig_flag_next");
        await using var fromEnvironment = await RunningEmulator.StartAsync(
            new Dictionary<string, string?>
            {
                ["BULKRESUME_EMULATOR_CURRENT_SIGNING_KEY"] = "sig_env_current",
                ["BULKRESUME_EMULATOR_NEXT_SIGNING_KEY"] = "sig_env_next",
            },
            "--port", "0", "--token", Token);

        Assert.Equal("""{"current":"sig_flag_current","next":"sig_flag_next"}""", await AdminAsync(fromFlags.Url, HttpMethod.Get, "/v2/keys"));
        Assert.Equal("""{"current":"sig_env_current","next":"sig_env_next"}""", await AdminAsync(fromEnvironment.Url, HttpMethod.Get, "/v2/keys"));
        Assert.Equal(0, await fromEnvironment.StopAsync());
        Assert.Contains("Signing deliveries with the keys given; GET /v2/keys answers them.", fromEnvironment.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sig_env", fromEnvironment.Output + fromEnvironment.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_signing_key_variable_without_the_other_exits_2_naming_the_missing_one()
    {
        var (exitCode, output, error) = await ChildProcess.RunToEndAsync(
            EmulatorDll, ["--token", Token], new Dictionary<string, string?> { ["BULKRESUME_EMULATOR_CURRENT_SIGNING_KEY"] = "sig_hunter2" });

        Assert.Equal(2, exitCode);
        Assert.Contains("BULKRESUME_EMULATOR_CURRENT_SIGNING_KEY needs BULKRESUME_EMULATOR_NEXT_SIGNING_KEY", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] args) => ChildProcess.RunToEndAsync(EmulatorDll, args);

    internal static async Task<string> AdminAsync(Uri url, HttpMethod method, string path, string? json = null, string token = Token)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A SQLite file path in the temp folder, deleted with its journal files.</summary>
    internal sealed class TemporaryDatabase : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bulkresume-emulator-{Guid.NewGuid():N}.db");

        public void Dispose()
        {
            foreach (string path in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The program running: its address (from the first line of stdout), everything it wrote, and SIGTERM to stop it.</summary>
    internal sealed class RunningEmulator : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _errors = new();

        private RunningEmulator(Process process) => _process = process;

        /// <summary>Where it listens; a wildcard address is reached on loopback.</summary>
        public Uri Url { get; private set; } = new("http://127.0.0.1");

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public int ProcessId => _process.Id;

        public static Task<RunningEmulator> StartAsync(params string[] args) => StartAsync(null, args);

        public static async Task<RunningEmulator> StartAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
        {
            var process = ChildProcess.Start(EmulatorDll, args, environment);
            var first = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var emulator = new RunningEmulator(process);
            process.OutputDataReceived += (_, e) =>
            {
                first.TrySetResult(e.Data);
                if (e.Data is not null)
                {
                    lock (emulator._output)
                    {
                        emulator._output.AppendLine(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (emulator._errors)
                {
                    emulator._errors.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            string? line;
            try
            {
                line = await first.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The emulator did not say it was listening within 60 s. Its errors: {emulator.Errors}");
            }

            Match match = ListeningLine().Match(line ?? string.Empty);
            if (!match.Success)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"expected the listening line first, got '{line}'; errors: {emulator.Errors}");
            }

            emulator.Url = new Uri($"http://127.0.0.1:{match.Groups["port"].Value}");
            return emulator;
        }

        public Task WaitForOutputAsync(string text) => WaitForAsync(() => Output, text);

        /// <summary>Stderr is read apart from stdout: a warning may arrive after the listening line.</summary>
        public Task WaitForErrorsAsync(string text) => WaitForAsync(() => Errors, text);

        public async Task<int> StopAsync()
        {
            if (!_process.HasExited)
            {
                ChildProcess.Signal(_process, ChildProcess.Terminate);
            }

            await ChildProcess.WaitAsync(_process);
            return _process.ExitCode;
        }

        /// <summary>Kills it with SIGKILL, as a crash would: nothing of it runs after the signal.</summary>
        public async Task KillAsync()
        {
            ChildProcess.Signal(_process, ChildProcess.HardKill);
            await ChildProcess.WaitAsync(_process);
        }

        private static async Task WaitForAsync(Func<string> written, string text)
        {
            using var timeout = new CancellationTokenSource(ChildProcess.Timeout);
            while (!written().Contains(text, StringComparison.Ordinal))
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                await StopAsync();
            }

            _process.Dispose();
        }
    }
}
