using BulkResume.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>Signing in with the emulator's token, a wrong one, and an emulator that needs none.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_token_signs_in_for_this_tab_only_and_stays_out_of_urls_and_logs()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Checkouts(3, Seeds.AnHourAgo));

        await session.SignInAsync();

        await Expect(session.Page.GetByText("3 matching", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(session.Emulator.Token, await session.Page.EvaluateAsync<string>("sessionStorage.getItem('bulkresume.emulator.token')"));
        Assert.Equal(0, await session.Page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(await session.Page.Context.CookiesAsync());

        // A reload in the same tab keeps the sign-in; signing out forgets the token.
        await session.Page.ReloadAsync();
        await Expect(session.Page.GetByText("3 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(session.Page.GetByLabel("Token")).ToBeVisibleAsync();
        Assert.Null(await session.Page.EvaluateAsync<string?>("sessionStorage.getItem('bulkresume.emulator.token')"));
        await session.ScreenshotAsync("sign-in");
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task A_wrong_token_shows_an_alert_and_nothing_else()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Checkouts(3, Seeds.AnHourAgo));
        await session.OpenAsync();

        await session.Page.GetByLabel("Token").FillAsync("not-the-token");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused this token");
        await Expect(session.Page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Expect(session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToHaveCountAsync(0);
        await Expect(session.Page.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await Expect(session.Page.GetByLabel("Token")).ToBeVisibleAsync();
        Assert.Null(await session.Page.EvaluateAsync<string?>("sessionStorage.getItem('bulkresume.emulator.token')"));
        Assert.Equal(3, (await session.Emulator.Store.GetStatisticsAsync()).DlqEntryCount);
        Assert.DoesNotContain(session.RequestedUrls, url => url.Contains("not-the-token", StringComparison.Ordinal));
        await session.ScreenshotAsync("wrong-token");
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task An_emulator_without_authentication_opens_on_the_dlq_without_a_sign_in()
    {
        await using var session = await ConsoleSession.StartAsync(chromium, authentication: false);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Checkouts(2, Seeds.AnHourAgo));

        await session.OpenAsync();

        await Expect(session.Page.GetByText("2 matching", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.Rows).ToHaveCountAsync(2);
        await Expect(session.Page.GetByLabel("Token")).ToBeHiddenAsync();
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("no-auth");
        session.AssertNothingLeaked();
    }
}
