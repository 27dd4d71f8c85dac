using Microsoft.Playwright;

namespace BulkResume.Console.Tests.Support;

/// <summary>
/// One headless Chromium for every console test (starting a browser is the slow part; each test gets its own context,
/// so nothing is shared but the process). Debian's Chromium, never Playwright's own download, which can't be fetched
/// here: a missing Chromium fails every test with the command that installs it, rather than skipping them, so that a CI
/// without the install step can't pass by running none.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Points the tests at another Chromium executable.</summary>
    public const string ExecutableVariable = "BULKRESUME_CHROMIUM";

    private const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        string executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } given ? given : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The console tests drive Chromium at {executable}, and there is none. Install Debian's Chromium " +
                $"(apt-get update && apt-get install -y chromium; .ci/run does it when it is missing), or set {ExecutableVariable} to a Chromium executable.");
        }

        // Two cores shared with other builds: a page that is right but slow must not fail the test.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--disable-extensions"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
