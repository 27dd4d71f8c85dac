namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The BulkResume emulator as an app host resource: a process serving the workflow DLQ API and the web console on one
/// HTTP endpoint.
/// </summary>
/// <remarks>Its connection string is <c>Endpoint=http://127.0.0.1:PORT;Token=TOKEN</c>.</remarks>
public sealed class BulkResumeEmulatorResource : ExecutableResource, IResourceWithConnectionString
{
    /// <summary>The command of the installed .NET tool, found on the app host's <c>PATH</c> (the repository's README says how to install it).</summary>
    public const string ToolCommand = "bulkresume-emulator";

    /// <summary>The name of the emulator's HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource's name, which is also the connection string's name.</param>
    /// <param name="token">The bearer token the emulator requires: a secret parameter.</param>
    /// <param name="workingDirectory">The directory the emulator runs in.</param>
    public BulkResumeEmulatorResource(string name, ParameterResource token, string workingDirectory)
        : base(name, ToolCommand, workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(token);
        Token = token;
        PrimaryEndpoint = new EndpointReference(this, HttpEndpointName);
    }

    /// <summary>The bearer token the emulator requires and the connection string carries.</summary>
    public ParameterResource Token { get; }

    /// <summary>The emulator's HTTP endpoint: the DLQ API, <c>/health</c> and the console at <c>/</c>.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>The emulator's connection string, read by the client's <c>AddWorkflowClientFromConnectionString(name)</c>.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)};Token={Token}");

    /// <summary>The <c>--store</c> argument: <c>memory</c>, <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>.</summary>
    internal ReferenceExpression Store { get; set; } = ReferenceExpression.Create($"memory");

    /// <summary>The directory a SQLite store's file is in, made before the emulator starts.</summary>
    internal string? StoreDirectory { get; set; }

    /// <summary>Whether the emulator seeds the demo DLQ into an empty store.</summary>
    internal bool SeedDemo { get; set; }

    /// <summary>When set, the emulator runs as <c>dotnet ASSEMBLY</c> (a build of it) instead of the installed tool.</summary>
    internal string? Assembly { get; set; }
}
