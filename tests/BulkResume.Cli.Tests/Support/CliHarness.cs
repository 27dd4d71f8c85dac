using BulkResume.Cli.Hosting;
using BulkResume.Engine;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace BulkResume.Cli.Tests.Support;

/// <summary>
/// Runs the CLI in process against an embedded engine the test seeds and inspects, found the way the process finds a
/// service (QSTASH_TOKEN and QSTASH_URL, or --token and --url): a fixed clock for relative times, a Spectre
/// <see cref="TestConsole"/>, captured stdout and stderr, a working directory of its own (where a stopped run writes
/// the ids it left), and a count of the requests that reached the engine.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public const string OrdersUrl = "https://shop.example.com/api/workflows/orders";
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";

    public static readonly DateTimeOffset Now = new(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The repository's root (where BulkResume.sln is), whose docs some tests hold the CLI to.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The address the harness's engine answers at, as QSTASH_URL says by default.</summary>
    public const string EngineUrl = "http://engine.test";

    private readonly HttpClient _http;
    private readonly CountingHandler _transport;
    private bool _stopNextRun;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bulkresume-cli-");
    private bool _stopAfterFirstChange;
    private bool _quitAfterFirstChange;
    private bool _stopAtPrompt;
    private Func<HttpRequestMessage, bool>? _stopWhen;

    public CliHarness(Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        Server = DlqTestServer.Create();
        _http = new HttpClient(Server.Handler, disposeHandler: false);
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = Server.Token });
        _transport = new CountingHandler(wrapHandler is null ? Server.Handler : wrapHandler(Server.Handler));
        WorkingDirectory = _folder.FullName;
        Variables = new Dictionary<string, string?>
        {
            [WorkflowClientOptions.TokenEnvironmentVariable] = Server.Token,
            [WorkflowClientOptions.BaseUrlEnvironmentVariable] = EngineUrl,
        };
    }

    /// <summary>The environment variables the CLI sees; the engine's token and address unless a test changes them.</summary>
    public Dictionary<string, string?> Variables { get; }

    /// <summary>How many requests the CLI sent: zero when it refused its arguments or its target first.</summary>
    public int RequestsSent => _transport.Requests;

    /// <summary>The most requests the CLI had in flight at once.</summary>
    public int MaxRequestsInFlight => _transport.MaxInFlight;

    /// <summary>The hosts the CLI sent requests to.</summary>
    public IReadOnlyCollection<string> HostsCalled => _transport.Hosts;

    public DlqTestServer Server { get; }

    public WorkflowClient Client { get; }

    /// <summary>Whether a person can answer prompts; false like a script or CI.</summary>
    public bool Interactive { get; set; }

    /// <summary>Typed answers for prompts, in order.</summary>
    public List<string> Answers { get; } = [];

    /// <summary>Has Ctrl+C pressed at the start of the next command only.</summary>
    public void RequestStop() => _stopNextRun = true;

    /// <summary>Has Ctrl+C pressed in the next command as soon as its first page that changes the DLQ was answered.</summary>
    public void RequestStopAfterFirstPage() => _stopAfterFirstChange = true;

    /// <summary>Has Ctrl+C pressed twice in the next command as soon as its first page that changes the DLQ was answered: the requests in flight are abandoned.</summary>
    public void RequestQuitAfterFirstPage() => _quitAfterFirstChange = true;

    /// <summary>Has Ctrl+C pressed in the next command as soon as a request that <paramref name="answered"/> matches was answered.</summary>
    public void RequestStopWhen(Func<HttpRequestMessage, bool> answered) => _stopWhen = answered;

    /// <summary>How often the CLI reads a bulk action it watches: short, so a test watches one through several reads quickly.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How many reads (GET) the CLI sent: listings, and each id read back.</summary>
    public int ReadsSent => _transport.Reads;

    /// <summary>Has Ctrl+C pressed in the next command when it prompts (a terminal: <see cref="Interactive"/> is set).</summary>
    public void RequestStopAtPrompt()
    {
        Interactive = true;
        _stopAtPrompt = true;
    }

    public Task SeedAsync(int count, string url, Func<FailedRun, FailedRun>? configure = null) =>
        Server.Engine.DeadLetterAsync(FailedRuns.Many(count, i => (configure ?? (run => run))(FailedRun.For(url).FailedAt(Now.AddMinutes(-count + i))))).AsTask();

    /// <summary>Seeds <paramref name="count"/> failed runs of the orders workflow; their DLQ ids, in the DLQ's order.</summary>
    public async Task<List<string>> SeedIdsAsync(int count)
    {
        await SeedAsync(count, OrdersUrl);
        return [.. (await EntriesAsync()).Select(entry => entry.DlqId)];
    }

    public async Task<IReadOnlyList<DlqMessage>> EntriesAsync()
    {
        var entries = new List<DlqMessage>();
        await foreach (var entry in Client.Dlq.ListAsync(ResumeFilter.Create()))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>The clock every command of this harness reads: a test moves it between commands.</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Stdout is a file or a pipe, as in a log: the process's own console for that case, not a terminal's.</summary>
    public bool RedirectedOutput { get; set; }

    /// <summary>Requests go to the network (the address a test passes with --url), not to the harness's engine.</summary>
    public bool UseNetwork { get; set; }

    /// <summary>The CLI's current directory: a new folder of the harness's unless a test changes it.</summary>
    public string WorkingDirectory { get; set; }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var console = new TestConsole();
        console.Profile.Width = 240;
        if (Interactive)
        {
            console.Interactive();
        }

        foreach (var answer in Answers)
        {
            console.Input.PushTextWithEnter(answer);
        }

        using var redirected = new StringWriter();

        using var stop = new CancellationTokenSource();
        if (_stopNextRun)
        {
            stop.Cancel();
            _stopNextRun = false;
        }

        using var abort = new CancellationTokenSource();
        _transport.Changed = _quitAfterFirstChange ? () => { stop.Cancel(); abort.Cancel(); }
            : _stopAfterFirstChange ? stop.Cancel
            : null;
        var stopWhen = _stopWhen;
        _transport.Answered = stopWhen is null ? null : request =>
        {
            if (stopWhen(request))
            {
                stop.Cancel();
            }
        };
        _stopAfterFirstChange = false;
        _quitAfterFirstChange = false;
        _stopWhen = null;

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Console = RedirectedOutput ? CliConsole.Redirected(redirected) : _stopAtPrompt ? new CtrlCAtPromptConsole(console, stop) : console,
            Out = stdout,
            Error = stderr,
            IsInputInteractive = Interactive,
            Variables = name => Variables.GetValueOrDefault(name),
            Transport = UseNetwork ? null : _transport,
            Time = Clock,
            StopRequested = stop.Token,
            AbortRequested = abort.Token,
            WorkingDirectory = WorkingDirectory,
            BulkActionPollingInterval = PollingInterval,
        };
        _stopAtPrompt = false;
        var exitCode = await CliApp.RunAsync(args, environment);
        return new CliRun(exitCode, RedirectedOutput ? redirected.ToString() : console.Output, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "BulkResume.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("BulkResume.sln was not found above the tests.");
        }

        return directory.FullName;
    }

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
        _folder.Delete(recursive: true);
    }
}
