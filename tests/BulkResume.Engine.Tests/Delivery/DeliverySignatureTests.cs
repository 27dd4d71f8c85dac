using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Tests.Delivery.Support;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>Every delivery is signed (HS256 over the exact bytes sent) when the engine has keys, and unsigned when it has none.</summary>
public sealed class DeliverySignatureTests
{
    private static readonly SigningKeys Keys = new("sig_current_for_tests", "sig_next_for_tests");

    [Fact]
    public async Task Each_delivery_and_the_failure_call_carry_a_signature_of_their_exact_body_with_the_current_key()
    {
        using DlqTestServer server = DlqTestServer.Create(signingKeys: Keys);
        using HttpClient http = server.CreateHttpClient();
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1", "step2")
        {
            Run = (name, _) => name == "step2" ? throw new InvalidOperationException("no") : "+/+/",
        };

        await endpoint.TriggerAsync("wfr_signed", "payload", retries: 0);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.Deliveries.WaitUntilIdleAsync(guard.Token);

        Assert.Equal(3, endpoint.Received.Count);
        Assert.Single(endpoint.FailureCalls);
        Assert.All(endpoint.Received, delivery =>
        {
            string[] parts = delivery.Headers["Upstash-Signature"].Split('.');
            byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Keys.Current), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            Assert.Equal(Base64Url(expected), parts[2]);
            JsonElement claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            Assert.Equal("Upstash", claims.GetProperty("iss").GetString());
            Assert.Equal(endpoint.Url, claims.GetProperty("sub").GetString());
            Assert.Equal(Base64Url(SHA256.HashData(delivery.Body)), claims.GetProperty("body").GetString());
            Assert.True(claims.GetProperty("exp").GetInt64() > claims.GetProperty("nbf").GetInt64());
        });
    }

    [Fact]
    public async Task Without_keys_no_delivery_is_signed()
    {
        using DlqTestServer server = DlqTestServer.Create();
        using HttpClient http = server.CreateHttpClient();
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1");

        await endpoint.TriggerAsync("wfr_unsigned", "payload");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.Deliveries.WaitUntilIdleAsync(guard.Token);

        Assert.Equal(2, endpoint.Received.Count);
        Assert.All(endpoint.Received, delivery => Assert.False(delivery.Headers.ContainsKey("Upstash-Signature")));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
