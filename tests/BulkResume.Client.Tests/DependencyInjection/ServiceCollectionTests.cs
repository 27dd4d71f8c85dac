using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace BulkResume.Client.Tests.DependencyInjection;

/// <summary>Registration: options from code or configuration, validated at start, clients resolvable, handlers chainable.</summary>
public sealed class ServiceCollectionTests : WireMockTestBase
{
    private static ServiceProvider Build(Action<IServiceCollection> register) =>
        Register(register).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static ServiceCollection Register(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task Options_from_code_give_a_working_client_and_its_dlq_runs_and_bulk_actions_clients()
    {
        StubResume(RunsJson(null, "wfr_1"));
        using var provider = Build(s => s.AddWorkflowClient(o => { o.Token = Token; o.BaseUrl = new Uri(Server.Url!); }));

        ValidateOnStart(provider);
        var client = provider.GetRequiredService<WorkflowClient>();
        var runs = await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Same(client.Dlq, provider.GetRequiredService<DlqClient>());
        Assert.Same(client.Runs, provider.GetRequiredService<RunsClient>());
        Assert.Same(client.BulkActions, provider.GetRequiredService<BulkActionsClient>());
        Assert.Single(runs);
        Assert.Equal($"Bearer {Token}", HeaderOf(Assert.Single(Requests), "Authorization"));
    }

    [Fact]
    public async Task Options_bind_from_the_Workflow_section_by_default()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var configuration = Configuration(("Workflow:Token", Token), ("Workflow:BaseUrl", Server.Url!), ("Workflow:Retry:MaxAttempts", "2"), ("Workflow:AttemptTimeout", "00:00:07"));
        using var provider = Build(s => { s.AddSingleton(configuration); s.AddWorkflowClient(); });

        ValidateOnStart(provider);
        var options = provider.GetRequiredService<IOptions<WorkflowClientOptions>>().Value;
        await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal(2, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(7), options.AttemptTimeout);
        Assert.Single(Requests);
    }

    [Fact]
    public void A_missing_token_fails_at_start_with_a_message_that_says_what_to_set()
    {
        using var provider = Build(s => { s.AddSingleton(Configuration(("Custom:BaseUrl", "https://qstash.upstash.io"))); s.AddWorkflowClient("Custom"); });

        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.Contains("Token is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_url_and_a_bad_retry_count_fail_at_start_together()
    {
        using var provider = Build(s => s.AddWorkflowClient(o => { o.Token = "t"; o.BaseUrl = new Uri("ftp://example.com"); o.Retry.MaxAttempts = 0; }));

        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.Contains("BaseUrl must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retry.MaxAttempts must be between 1 and 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_returned_builder_chains_handlers_into_every_request()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var seen = new List<string>();
        using var provider = Build(s => s
            .AddWorkflowClient(o => { o.Token = Token; o.BaseUrl = new Uri(Server.Url!); })
            .AddHttpMessageHandler(() => new RecordingHandler(seen)));

        await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal([ResumePath], seen);
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
