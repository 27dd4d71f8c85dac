using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using BulkResume.Emulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests.Support;

/// <summary>
/// One test's emulator (its own, in memory, on a free loopback port, its log captured) and a fresh browser context on
/// its console. Every request the page makes is recorded, and any to another origin is aborted and recorded too:
/// <see cref="AssertNothingLeaked"/> then checks that the console worked without the network and that the token never
/// reached a URL or a log line.
/// </summary>
internal sealed class ConsoleSession : IAsyncDisposable
{
    private readonly FakeLoggerProvider _logs;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _offOrigin = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();

    private ConsoleSession(WorkflowEmulator emulator, FakeLoggerProvider logs, ILoggerFactory loggerFactory, IBrowserContext context, IPage page)
    {
        Emulator = emulator;
        _logs = logs;
        _loggerFactory = loggerFactory;
        _context = context;
        Page = page;
    }

    public WorkflowEmulator Emulator { get; }

    public IPage Page { get; }

    public string Origin => Emulator.Url.GetLeftPart(UriPartial.Authority);

    public IReadOnlyCollection<string> RequestedUrls => _requests;

    public static async Task<ConsoleSession> StartAsync(ChromiumFixture chromium, bool authentication = true)
    {
        var logs = new FakeLoggerProvider();
        ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        WorkflowEmulator emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions
        {
            LoggerFactory = loggerFactory,
            DisableAuthentication = !authentication,
        });

        // Another zone than UTC, so that local time and the UTC value on hover differ.
        IBrowserContext context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        IPage page = await context.NewPageAsync();
        var session = new ConsoleSession(emulator, logs, loggerFactory, context, page);
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(session.Origin + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                session._offOrigin.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        page.Request += (_, request) => session._requests.Enqueue(request.Url);
        page.PageError += (_, error) => session._pageErrors.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                session._pageErrors.Enqueue(message.Text);
            }
        };
        return session;
    }

    /// <summary>Opens the console (at a route such as <c>#/runs</c>).</summary>
    public async Task OpenAsync(string fragment = "") => await Page.GotoAsync(Origin + "/" + fragment);

    /// <summary>Signs in with the emulator's token, as a person would, and waits for the DLQ list.</summary>
    public async Task SignInAsync()
    {
        await OpenAsync();
        await Page.GetByLabel("Token").FillAsync(Emulator.Token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
    }

    /// <summary>Sets the filter's Workflow URL and applies it.</summary>
    public async Task FilterByWorkflowUrlAsync(string workflowUrl)
    {
        await Page.GetByLabel("Workflow URL").FillAsync(workflowUrl);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
    }

    /// <summary>The rows of the DLQ table's body.</summary>
    public ILocator Rows => Page.GetByRole(AriaRole.Table).Locator("tbody > tr");

    /// <summary>The rows of the Bulk actions table, one an action.</summary>
    public ILocator ActionRows => Page.Locator("#actions-rows > tr:not(.empty)");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>Saves the whole page under artifacts/console, and the docs' copy of it (the window, or the whole page) when asked.</summary>
    public async Task ScreenshotAsync(string name, string? docImage = null, bool wholePageInDocs = false)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot(name), FullPage = true });
        if (docImage is not null && Artifacts.DocImage(docImage) is { } path)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = wholePageInDocs });
        }
    }

    /// <summary>Calls the admin API (or the DLQ API, with its override headers) as a test in another language would.</summary>
    public async Task<string> AdminAsync(HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = Emulator.Url };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.Token);
        foreach ((string name, string value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// Nothing left the emulator's origin, the token is in no URL the page requested and in no line the emulator
    /// logged, and the page ran without a script error or a Content-Security-Policy violation.
    /// </summary>
    public void AssertNothingLeaked()
    {
        Assert.Empty(_offOrigin);
        Assert.NotEmpty(_requests);
        Assert.All(_requests, url => Assert.DoesNotContain(Emulator.Token, url, StringComparison.Ordinal));
        IReadOnlyList<FakeLogRecord> lines = _logs.Collector.GetSnapshot();
        Assert.Contains(lines, line => line.Category == "BulkResume.Emulator.Requests");
        Assert.All(lines, line => Assert.DoesNotContain(Emulator.Token, line.Message, StringComparison.Ordinal));
        Assert.Empty(_pageErrors);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await Emulator.DisposeAsync();
        _loggerFactory.Dispose();
        _logs.Dispose();
    }
}
