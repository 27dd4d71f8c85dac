namespace BulkResume.Client.Tests.Configuration;

/// <summary>WorkflowClientOptions.FromConnectionString: the Endpoint=...;Token=... an Aspire app host hands a project.</summary>
public sealed class ConnectionStringTests
{
    [Theory]
    [InlineData("Endpoint=http://127.0.0.1:5000;Token=abc==", "http://127.0.0.1:5000/", "abc==")]
    [InlineData("token=abc; endpoint = https://qstash-eu-central-1.upstash.io/ ", "https://qstash-eu-central-1.upstash.io/", "abc")]
    [InlineData("Token=\"a;b\"", "https://qstash.upstash.io/", "a;b")]
    public void Reads_the_endpoint_and_token(string connectionString, string endpoint, string token)
    {
        var options = WorkflowClientOptions.FromConnectionString(connectionString);

        Assert.Equal((new Uri(endpoint), token), (options.BaseUrl, options.Token));
    }

    [Theory]
    [InlineData("Endpoint=http://127.0.0.1:5000", "has no Token")]
    [InlineData("Endpoint=ftp://127.0.0.1;Token=secret-value", "Endpoint that is not an absolute http or https URL")]
    [InlineData("Endpoint=http://127.0.0.1;Token=secret-value;Region=eu", "the key 'region'")]
    [InlineData("Token=secret-value;Endpoint", "not a list of key=value pairs")]
    public void Refuses_what_it_cannot_use_and_says_the_format_without_the_token(string connectionString, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowClientOptions.FromConnectionString(connectionString));

        Assert.Contains(problem, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Endpoint=https://qstash.upstash.io;Token=<your token>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }
}
