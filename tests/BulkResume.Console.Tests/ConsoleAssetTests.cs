using System.Net;
using System.Text.RegularExpressions;
using BulkResume.Emulator;

namespace BulkResume.Console.Tests;

/// <summary>The console's files as the emulator serves them: headers, types, caching, and no inline script or style.</summary>
public sealed partial class ConsoleAssetTests
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static TheoryData<string, string> Files => new()
    {
        { "/", "text/html; charset=utf-8" },
        { "/console/app.js", "text/javascript; charset=utf-8" },
        { "/console/dlq.js", "text/javascript; charset=utf-8" },
        { "/console/app.css", "text/css; charset=utf-8" },
        { "/console/favicon.svg", "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_is_served_without_a_token_with_the_policy_its_type_and_an_etag_that_revalidates(string path, string type)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.Url };

        using HttpResponseMessage response = await http.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "If-None-Match", response.Headers.ETag!.Tag } } };
        using HttpResponseMessage revalidated = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(Policy, Assert.Single(revalidated.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_page_has_no_inline_script_no_event_handler_attribute_no_style_attribute_and_nothing_from_another_host()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.Url };

        string page = await http.GetStringAsync("/");

        MatchCollection scripts = ScriptTag().Matches(page);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Matches(@"src=""/console/[a-z]+\.js""", script.Value));
        Assert.DoesNotMatch(InlineScript(), page);
        Assert.DoesNotMatch(EventHandlerAttribute(), page);
        Assert.DoesNotMatch(StyleAttribute(), page);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(AnotherHost(), page);
    }

    [Fact]
    public async Task The_scripts_never_put_html_from_the_api_into_the_page_nor_the_token_into_a_url()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.Url };
        string[] scripts = ["app", "api", "actions", "bulkactions", "dlq", "dom", "emulator", "entry", "filter", "runs", "steps"];

        foreach (string script in scripts)
        {
            string code = await http.GetStringAsync($"/console/{script}.js");
            Assert.DoesNotContain("innerHTML", code, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", code, StringComparison.Ordinal);
            Assert.DoesNotContain("eval(", code, StringComparison.Ordinal);
            Assert.DoesNotContain("qstash_token", code, StringComparison.Ordinal);
            Assert.DoesNotContain("localStorage", code, StringComparison.Ordinal);
            Assert.DoesNotMatch(AnotherHost(), code);
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"<[^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"(src|href)\s*=\s*[""'](https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex AnotherHost();
}
