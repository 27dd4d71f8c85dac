using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the BulkResume emulator to an Aspire app host and sets its store, seed and program.</summary>
public static class BulkResumeEmulatorBuilderExtensions
{
    /// <summary>
    /// Adds the BulkResume emulator: the <c>bulkresume-emulator</c> .NET tool on an HTTP endpoint on loopback, with a
    /// secret token, a health check on <c>/health</c> and its console on the dashboard.
    /// </summary>
    /// <param name="builder">The app host's builder.</param>
    /// <param name="name">The resource's name, such as <c>dlq</c>: also the connection string's name.</param>
    /// <param name="token">The token parameter; null generates one (kept in the app host's user secrets), named <c>NAME-token</c>.</param>
    /// <param name="port">The port on the host; null picks a free one on each run.</param>
    /// <returns>The resource's builder.</returns>
    /// <remarks>
    /// It keeps its DLQ in memory until <see cref="WithSqliteStore"/> or <see cref="WithPostgreSqlStore"/> says
    /// otherwise. Reference it from a project (<c>.WithReference(dlq)</c>) to give the project the connection string
    /// <c>ConnectionStrings__NAME</c>.
    /// </remarks>
    public static IResourceBuilder<BulkResumeEmulatorResource> AddBulkResumeEmulator(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<ParameterResource>? token = null,
        int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var tokenParameter = token?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-token", special: false);
        var resource = new BulkResumeEmulatorResource(name, tokenParameter, builder.AppHostDirectory);
        return builder.AddResource(resource)
            .WithHttpEndpoint(port: port, name: BulkResumeEmulatorResource.HttpEndpointName)
            .WithArgs(context => AddArguments(resource, context))

            // In the environment, not the arguments: a command line is in every process listing.
            .WithEnvironment("BULKRESUME_EMULATOR_TOKEN", tokenParameter)
            .WithHttpHealthCheck("/health", endpointName: BulkResumeEmulatorResource.HttpEndpointName)
            .WithUrlForEndpoint(BulkResumeEmulatorResource.HttpEndpointName, url => url.DisplayText = "Console");
    }

    /// <summary>
    /// Keeps the DLQ in a SQLite file, so it survives restarts of the app host: the emulator's persistent store, as a
    /// data volume is a container's.
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="databasePath">The database file; null for <c>.bulkresume/NAME.db</c> in the app host's directory. Its directory is made when the emulator starts.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IResourceBuilder<BulkResumeEmulatorResource> WithSqliteStore(this IResourceBuilder<BulkResumeEmulatorResource> builder, string? databasePath = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Path.GetFullPath(databasePath ?? Path.Combine(builder.ApplicationBuilder.AppHostDirectory, ".bulkresume", builder.Resource.Name + ".db"));
        builder.Resource.Store = ReferenceExpression.Create($"sqlite:{path}");
        builder.Resource.StoreDirectory = Path.GetDirectoryName(path);
        return builder;
    }

    /// <summary>Keeps the DLQ in a PostgreSQL database, such as one added with Aspire's PostgreSQL integration; the emulator waits for it.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="database">The database, by its connection string (Npgsql format).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IResourceBuilder<BulkResumeEmulatorResource> WithPostgreSqlStore(this IResourceBuilder<BulkResumeEmulatorResource> builder, IResourceBuilder<IResourceWithConnectionString> database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        builder.Resource.Store = ReferenceExpression.Create($"postgres:{database.Resource.ConnectionStringExpression}");
        builder.Resource.StoreDirectory = null;
        return builder.WaitFor(database);
    }

    /// <summary>Seeds the demo DLQ (a checkout outage, rejected invoices, rate-limited e-mails) when the store is empty.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IResourceBuilder<BulkResumeEmulatorResource> WithDemoSeed(this IResourceBuilder<BulkResumeEmulatorResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.SeedDemo = true;
        return builder;
    }

    /// <summary>
    /// Runs a build of the emulator (<c>dotnet PATH/bulkresume-emulator.dll</c>) instead of the installed
    /// <c>bulkresume-emulator</c> tool: for working on the emulator itself, or where the tool is not installed.
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="assemblyPath">The path of <c>bulkresume-emulator.dll</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="assemblyPath"/>.</exception>
    public static IResourceBuilder<BulkResumeEmulatorResource> WithEmulatorAssembly(this IResourceBuilder<BulkResumeEmulatorResource> builder, string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The emulator assembly {path} does not exist: build src/BulkResume.Emulator.Tool, or leave WithEmulatorAssembly out to run the installed bulkresume-emulator tool.", path);
        }

        builder.Resource.Assembly = path;
        return builder.WithCommand("dotnet");
    }

    private static void AddArguments(BulkResumeEmulatorResource resource, CommandLineArgsCallbackContext context)
    {
        if (resource.Assembly is { } assembly)
        {
            context.Args.Add(assembly);
        }

        if (resource.StoreDirectory is { } directory && context.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(directory);
        }

        context.Args.Add("--port");
        context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
        context.Args.Add("--store");
        context.Args.Add(resource.Store);
        if (resource.SeedDemo)
        {
            context.Args.Add("--seed");
            context.Args.Add("demo");
        }
    }
}
