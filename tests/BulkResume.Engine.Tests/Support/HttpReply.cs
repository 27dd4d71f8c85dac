using System.Net;
using System.Text.Json;

namespace BulkResume.Engine.Tests.Support;

/// <summary>What the API answered: status, body text and the response (for headers).</summary>
internal sealed record HttpReply(HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Error => HttpHarness.Error(Body);
}
