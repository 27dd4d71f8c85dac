using BulkResume.Cli.Hosting;
using BulkResume.Engine;
using BulkResume.Engine.Testing;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace BulkResume.Cli.Tests.Support;

/// <summary>
/// Runs the CLI in process against an embedded engine the test seeds and inspects: a fixed clock for relative times,
/// a Spectre <see cref="TestConsole"/>, captured stdout and stderr.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public const string OrdersUrl = "https://shop.example.com/api/workflows/orders";
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";

    public static readonly DateTimeOffset Now = new(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http;
    private bool _stopNextRun;

    public CliHarness(Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        Server = DlqTestServer.Create();
        _http = new HttpClient(wrapHandler is null ? Server.Handler : wrapHandler(Server.Handler), disposeHandler: false);
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = Server.Token });
    }

    public DlqTestServer Server { get; }

    public WorkflowClient Client { get; }

    /// <summary>How many times a command opened the DLQ: zero when it refused its arguments first.</summary>
    public int TargetsOpened { get; private set; }

    /// <summary>Whether a person can answer prompts; false like a script or CI.</summary>
    public bool Interactive { get; set; }

    /// <summary>Typed answers for prompts, in order.</summary>
    public List<string> Answers { get; } = [];

    /// <summary>Has Ctrl+C pressed at the start of the next command only.</summary>
    public void RequestStop() => _stopNextRun = true;

    public Task SeedAsync(int count, string url, Func<FailedRun, FailedRun>? configure = null) =>
        Server.Engine.DeadLetterAsync(FailedRuns.Many(count, i => (configure ?? (run => run))(FailedRun.For(url).FailedAt(Now.AddMinutes(-count + i))))).AsTask();

    public async Task<IReadOnlyList<DlqMessage>> EntriesAsync()
    {
        var entries = new List<DlqMessage>();
        await foreach (var entry in Client.Dlq.ListAsync(ResumeFilter.Create()))
        {
            entries.Add(entry);
        }

        return entries;
    }

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

        using var stop = new CancellationTokenSource();
        if (_stopNextRun)
        {
            stop.Cancel();
            _stopNextRun = false;
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Console = console,
            Out = stdout,
            Error = stderr,
            IsInputInteractive = Interactive,
            OpenTarget = _ =>
            {
                TargetsOpened++;
                return Task.FromResult(new DlqTarget(Client, "Target: the test engine."));
            },
            Time = new FakeTimeProvider(Now),
            StopRequested = stop.Token,
        };
        var exitCode = await CliApp.RunAsync(args, environment);
        return new CliRun(exitCode, console.Output, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
    }
}
