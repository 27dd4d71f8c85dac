namespace BulkResume.Cli.Hosting;

/// <summary>The DLQ a command acts on: the hosted service, or the embedded engine with demo data.</summary>
internal sealed class DlqTarget : IDisposable
{
    private readonly IDisposable? _owned;

    public DlqTarget(WorkflowClient client, string banner, IDisposable? owned = null)
    {
        Client = client;
        Banner = banner;
        _owned = owned;
    }

    public WorkflowClient Client { get; }

    /// <summary>One line that says what is being acted on (never the token).</summary>
    public string Banner { get; }

    /// <summary>
    /// The hosted service when QSTASH_TOKEN is set (the base URL from QSTASH_URL, else the default);
    /// otherwise the embedded engine seeded with <see cref="DemoDlq"/>.
    /// </summary>
    public static async Task<DlqTarget> OpenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(WorkflowClientOptions.TokenEnvironmentVariable)))
        {
            return await DemoDlq.StartAsync(cancellationToken);
        }

        var options = WorkflowClientOptions.FromEnvironment();
        return new DlqTarget(new WorkflowClient(options), $"Target: {options.BaseUrl} (QSTASH_TOKEN is set).");
    }

    public void Dispose() => _owned?.Dispose();
}
