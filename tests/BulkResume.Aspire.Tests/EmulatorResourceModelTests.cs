using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace BulkResume.Aspire.Tests;

/// <summary>What AddBulkResumeEmulator puts into the app model: the program, its arguments, the endpoint, the health check and the connection string.</summary>
public sealed class EmulatorResourceModelTests
{
    private static async Task<List<string>> ArgumentsAsync(BulkResumeEmulatorResource resource)
    {
        var args = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(args, resource, CancellationToken.None));
        }

        return args.Select(arg => arg switch
        {
            string text => text,
            EndpointReferenceExpression endpoint => $"{{{endpoint.Endpoint.EndpointName}.{endpoint.Property}}}",
            ParameterResource parameter => $"{{{parameter.Name}}}",
            ReferenceExpression expression => expression.ValueExpression,
            _ => arg.GetType().Name,
        }).ToList();
    }

    /// <summary>What the emulator's token variable is set to, as a manifest expression: the token parameter.</summary>
    private static async Task<string?> TokenVariableAsync(BulkResumeEmulatorResource resource)
    {
        var environment = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), environment);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return (environment.GetValueOrDefault("BULKRESUME_EMULATOR_TOKEN") as IManifestExpressionProvider)?.ValueExpression;
    }

    [Fact]
    public async Task By_default_it_runs_the_installed_tool_on_memory_with_a_generated_secret_token()
    {
        var builder = DistributedApplication.CreateBuilder();

        var dlq = builder.AddBulkResumeEmulator("dlq").Resource;

        Assert.Equal(BulkResumeEmulatorResource.ToolCommand, dlq.Command);
        Assert.Equal(["--port", "{http.TargetPort}", "--store", "memory"], await ArgumentsAsync(dlq));
        Assert.Equal("{dlq-token.value}", await TokenVariableAsync(dlq));
        Assert.True(dlq.Token.Secret);
        Assert.Equal("Endpoint={dlq.bindings.http.url};Token={dlq-token.value}", dlq.ConnectionStringExpression.ValueExpression);
        Assert.Contains(dlq.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        Assert.Equal("http", Assert.Single(dlq.Annotations.OfType<EndpointAnnotation>()).UriScheme);
    }

    [Fact]
    public async Task A_persistent_SQLite_file_the_demo_seed_and_a_build_of_the_emulator()
    {
        var builder = DistributedApplication.CreateBuilder();
        var token = builder.AddParameter("my-token", secret: true);
        var assembly = typeof(EmulatorResourceModelTests).Assembly.Location;

        var dlq = builder.AddBulkResumeEmulator("dlq", token).WithSqliteStore().WithDemoSeed().WithEmulatorAssembly(assembly).Resource;

        var expectedDatabase = Path.Combine(builder.AppHostDirectory, ".bulkresume", "dlq.db");
        Assert.Equal("dotnet", dlq.Command);
        Assert.Equal([assembly, "--port", "{http.TargetPort}", "--store", "sqlite:" + expectedDatabase, "--seed", "demo"], await ArgumentsAsync(dlq));
        Assert.Equal("{my-token.value}", await TokenVariableAsync(dlq));
        Assert.Same(token.Resource, dlq.Token);
    }

    [Fact]
    public void A_missing_emulator_assembly_is_refused_with_what_to_build()
    {
        var builder = DistributedApplication.CreateBuilder();

        var error = Assert.Throws<FileNotFoundException>(() => builder.AddBulkResumeEmulator("dlq").WithEmulatorAssembly("/nowhere/bulkresume-emulator.dll"));

        Assert.Contains("build src/BulkResume.Emulator.Tool", error.Message, StringComparison.Ordinal);
    }
}
