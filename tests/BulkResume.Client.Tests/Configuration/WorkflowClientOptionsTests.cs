namespace BulkResume.Client.Tests.Configuration;

/// <summary>Options: defaults, environment, validation, and the token never shown.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class WorkflowClientOptionsTests
{
    [Fact]
    public void Defaults_to_the_hosted_service()
    {
        Assert.Equal(new Uri("https://qstash.upstash.io"), new WorkflowClientOptions().BaseUrl);
    }

    [Fact]
    public void FromEnvironment_reads_token_and_url()
    {
        using var _ = new EnvironmentScope(("QSTASH_TOKEN", "env-token"), ("QSTASH_URL", "https://qstash-eu-central-1.upstash.io"));

        var options = WorkflowClientOptions.FromEnvironment();

        Assert.Equal("env-token", options.Token);
        Assert.Equal(new Uri("https://qstash-eu-central-1.upstash.io"), options.BaseUrl);
    }

    [Fact]
    public void FromEnvironment_without_a_token_says_which_variable_to_set()
    {
        using var _ = new EnvironmentScope(("QSTASH_TOKEN", null), ("QSTASH_URL", null));

        var error = Assert.Throws<InvalidOperationException>(WorkflowClientOptions.FromEnvironment);

        Assert.Contains("QSTASH_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_with_a_bad_url_names_the_variable()
    {
        using var _ = new EnvironmentScope(("QSTASH_TOKEN", "t"), ("QSTASH_URL", "ftp://nope"));

        var error = Assert.Throws<InvalidOperationException>(WorkflowClientOptions.FromEnvironment);

        Assert.Contains("QSTASH_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_refuses_a_missing_token_or_a_relative_url()
    {
        Assert.Contains("Token", Assert.Throws<ArgumentException>(() => new WorkflowClient(" ")).Message, StringComparison.Ordinal);
        Assert.Contains(
            "BaseUrl",
            Assert.Throws<ArgumentException>(() => new WorkflowClient(new WorkflowClientOptions { Token = "t", BaseUrl = new Uri("/relative", UriKind.Relative) })).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_token()
    {
        var options = new WorkflowClientOptions { Token = "secret-token-value" };

        Assert.DoesNotContain("secret-token-value", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_options_after_creating_a_client_does_not_affect_it()
    {
        var options = new WorkflowClientOptions { Token = "t" };
        var client = new WorkflowClient(options);

        options.Token = string.Empty;

        Assert.Same(client.Dlq, client.Dlq);
    }
}
