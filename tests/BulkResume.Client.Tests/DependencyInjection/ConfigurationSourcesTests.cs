using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BulkResume.Client.Tests.DependencyInjection;

/// <summary>
/// Where registration finds the endpoint and token besides the Workflow section: the official SDKs' QSTASH_TOKEN and
/// QSTASH_URL (as a host's configuration carries the environment), and a connection string as Aspire hands it.
/// </summary>
public sealed class ConfigurationSourcesTests : WireMockTestBase
{
    private static ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task QSTASH_TOKEN_and_QSTASH_URL_are_used_when_the_Workflow_section_has_neither()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var configuration = Configuration(("QSTASH_TOKEN", Token), ("QSTASH_URL", Server.Url!), ("Workflow:Retry:MaxAttempts", "2"));
        using var provider = Build(configuration, s => s.AddWorkflowClient());

        ValidateOnStart(provider);
        await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal($"Bearer {Token}", HeaderOf(Assert.Single(Requests), "Authorization"));
        Assert.Equal(2, provider.GetRequiredService<IOptions<WorkflowClientOptions>>().Value.Retry.MaxAttempts);
    }

    [Fact]
    public void The_Workflow_section_wins_over_the_variables_and_code_wins_over_both()
    {
        var configuration = Configuration(
            ("QSTASH_TOKEN", "from-variable"), ("QSTASH_URL", "https://variable.example.com"),
            ("Workflow:Token", "from-section"), ("Workflow:BaseUrl", "https://section.example.com"));
        using var sectionOnly = Build(configuration, s => s.AddWorkflowClient());
        using var withCode = Build(configuration, s => { s.AddWorkflowClient(); s.Configure<WorkflowClientOptions>(o => o.Token = "from-code"); });

        var section = sectionOnly.GetRequiredService<IOptions<WorkflowClientOptions>>().Value;
        var code = withCode.GetRequiredService<IOptions<WorkflowClientOptions>>().Value;

        Assert.Equal(("from-section", new Uri("https://section.example.com")), (section.Token, section.BaseUrl));
        Assert.Equal("from-code", code.Token);
    }

    [Fact]
    public void Only_the_token_variable_keeps_the_default_url()
    {
        using var provider = Build(Configuration(("QSTASH_TOKEN", "t")), s => s.AddWorkflowClient());

        var options = provider.GetRequiredService<IOptions<WorkflowClientOptions>>().Value;

        Assert.Equal(("t", WorkflowClientOptions.DefaultBaseUrl), (options.Token, options.BaseUrl));
    }

    [Fact]
    public void A_bad_QSTASH_URL_stops_the_host_and_names_the_variable()
    {
        using var provider = Build(Configuration(("QSTASH_TOKEN", "t"), ("QSTASH_URL", "qstash.upstash.io")), s => s.AddWorkflowClient());

        var error = Assert.Throws<InvalidOperationException>(() => ValidateOnStart(provider));

        Assert.Contains("QSTASH_URL is not an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_token_anywhere_the_message_names_every_place_to_set_it()
    {
        using var provider = Build(Configuration(), s => s.AddWorkflowClient());

        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.Contains("Workflow__Token", error.Message, StringComparison.Ordinal);
        Assert.Contains("QSTASH_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_gives_the_endpoint_and_token_and_the_section_the_rest()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var configuration = Configuration(
            ("ConnectionStrings:dlq", $"Endpoint={Server.Url};Token={Token}"),
            ("Workflow:Token", "ignored"),
            ("Workflow:AttemptTimeout", "00:00:07"));
        using var provider = Build(configuration, s => s.AddWorkflowClientFromConnectionString("dlq"));

        ValidateOnStart(provider);
        await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal($"Bearer {Token}", HeaderOf(Assert.Single(Requests), "Authorization"));
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<WorkflowClientOptions>>().Value.AttemptTimeout);
    }

    [Fact]
    public void A_missing_connection_string_says_how_to_provide_it()
    {
        using var provider = Build(Configuration(("Workflow:Token", "t")), s => s.AddWorkflowClientFromConnectionString("dlq"));

        var error = Assert.Throws<InvalidOperationException>(() => ValidateOnStart(provider));

        Assert.Contains("ConnectionStrings__dlq", error.Message, StringComparison.Ordinal);
        Assert.Contains(".WithReference(dlq)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_names_the_setting_and_never_shows_the_token()
    {
        using var provider = Build(Configuration(("ConnectionStrings:dlq", "Endpoint=http://127.0.0.1:1;Tokn=secret-value")), s => s.AddWorkflowClientFromConnectionString("dlq"));

        var error = Assert.Throws<InvalidOperationException>(() => ValidateOnStart(provider));

        Assert.StartsWith("ConnectionStrings:dlq: The connection string has the key 'tokn'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-value", error.ToString(), StringComparison.Ordinal);
    }
}
