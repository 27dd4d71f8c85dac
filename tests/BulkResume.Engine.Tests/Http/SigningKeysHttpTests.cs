using System.Net;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>
/// <c>GET /v2/keys</c>: the engine's signing keys as <c>{"current":"...","next":"..."}</c> (the exact bytes the official
/// SDK's dev-mode liveness check compares), a 404 saying how to configure keys when it has none, and the token first.
/// </summary>
public sealed class SigningKeysHttpTests
{
    private const string Keys = "/v2/keys";

    [Fact]
    public async Task The_keys_are_answered_as_current_and_next()
    {
        using HttpClient http = Api(new SigningKeys("sig_current_a", "sig_next_b"));

        HttpReply reply = await HttpHarness.SendAsync(http, HttpMethod.Get, Keys);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("""{"current":"sig_current_a","next":"sig_next_b"}""", reply.Body);
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dev_servers_keys_are_answered_as_the_official_sdk_expects_them()
    {
        using HttpClient http = Api(SigningKeys.Dev);

        HttpReply reply = await HttpHarness.SendAsync(http, HttpMethod.Get, Keys);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("""{"current":"sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r","next":"sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"}""", reply.Body);
    }

    [Fact]
    public async Task Without_keys_it_is_404_saying_how_to_configure_them()
    {
        using HttpClient http = Api(keys: null);

        HttpReply reply = await HttpHarness.SendAsync(http, HttpMethod.Get, Keys);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.StartsWith("This server has no signing keys: its deliveries are not signed.", reply.Error, StringComparison.Ordinal);
        foreach (string way in new[] { "DlqEngineOptions.SigningKeys", "WorkflowEmulatorOptions.SigningKeys", "--signing-key-current", "--signing-key-next", "--dev" })
        {
            Assert.Contains(way, reply.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Without_the_token_it_is_401_and_shows_no_key(string? authorization)
    {
        using HttpClient http = Api(new SigningKeys("sig_current_a", "sig_next_b"));

        HttpReply reply = await HttpHarness.SendAsync(http, HttpMethod.Get, Keys, authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain("sig_", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_is_400_and_another_method_is_405()
    {
        using HttpClient http = Api(new SigningKeys("sig_current_a", "sig_next_b"));

        HttpReply parameter = await HttpHarness.SendAsync(http, HttpMethod.Get, Keys + "?region=eu");
        HttpReply post = await HttpHarness.SendAsync(http, HttpMethod.Post, Keys);

        Assert.Equal(HttpStatusCode.BadRequest, parameter.Status);
        Assert.Contains("region is not a parameter of GET /v2/keys", parameter.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.Status);
        Assert.Equal(["GET", "HEAD"], post.Response.Content.Headers.Allow);
    }

    /// <summary>The API over an engine with these keys, called in process with no sockets.</summary>
    private static HttpClient Api(SigningKeys? keys)
    {
        var engine = new DlqEngine(new InMemoryDlqStore(), new DlqEngineOptions { SigningKeys = keys });
        return new HttpClient(new InProcessDlqHandler(new DlqHttpApi(engine, DlqTestServer.DefaultToken))) { BaseAddress = DlqTestServer.DefaultBaseAddress };
    }
}
