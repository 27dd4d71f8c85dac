using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Hosting;

/// <summary>The DLQ a command acts on, named in every output: a service at a URL, or the embedded demo.</summary>
internal sealed class DlqTarget : IDisposable
{
    private readonly IDisposable? _owned;

    public DlqTarget(WorkflowClient client, string name, string? tokenSource, string banner, IReadOnlyList<string>? flags, IDisposable? owned = null)
    {
        Client = client;
        Name = name;
        TokenSource = tokenSource;
        Banner = banner;
        Flags = flags;
        _owned = owned;
    }

    public WorkflowClient Client { get; }

    /// <summary>What is acted on, short: the service's address, or <c>demo</c>.</summary>
    /// <remarks>JSON documents carry it as <c>target</c>.</remarks>
    public string Name { get; }

    /// <summary>Where the token came from (<c>--token</c> or <c>QSTASH_TOKEN</c>); null for the demo.</summary>
    public string? TokenSource { get; }

    /// <summary>One line that says what is acted on and with which token's source (never the token).</summary>
    public string Banner { get; }

    /// <summary>
    /// The flags that name this DLQ again in a printed command, such as the one that watches a bulk action later:
    /// <c>--url</c> and the address unless it is the default (never the token); null for the demo, which ends with the
    /// process.
    /// </summary>
    public IReadOnlyList<string>? Flags { get; }

    /// <summary>
    /// The embedded demo with <c>--demo</c>; otherwise the service at <c>--url</c> (or QSTASH_URL, or the hosted
    /// default) with the token of <c>--token</c> (or QSTASH_TOKEN).
    /// </summary>
    /// <exception cref="UsageException">No token, a bad URL, or --demo with --token or --url; nothing was sent.</exception>
    /// <remarks>
    /// Without a token nothing is opened: the caller said neither which credentials nor that the demo is meant.
    /// </remarks>
    public static async Task<DlqTarget> OpenAsync(TargetArguments arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (arguments.Demo)
        {
            return arguments.Token is null && arguments.Url is null
                ? await DemoEngine.StartAsync(cancellationToken)
                : throw new UsageException(
                    TargetArguments.DemoFlag,
                    $"{TargetArguments.DemoFlag} acts on an embedded demo DLQ, so it can't be combined with {(arguments.Token is null ? TargetArguments.UrlFlag : TargetArguments.TokenFlag)}. Drop {TargetArguments.DemoFlag} to act on the service, or drop the service's flags to try the demo.");
        }

        var (baseUrl, urlSource) = ResolveUrl(arguments, environment);
        var (token, tokenSource) = ResolveToken(arguments, environment, baseUrl);
        var options = new WorkflowClientOptions { BaseUrl = baseUrl, Token = token };
        var client = environment.Transport is null
            ? new WorkflowClient(options)
            : new WorkflowClient(new HttpClient(environment.Transport, disposeHandler: false), options);
        var name = DisplayName(baseUrl);
        var address = urlSource is null ? "the default address" : $"address from {urlSource}";
        // The address as resolved, not as typed: a watch command pasted in another shell must reach the same service.
        string[] flags = urlSource is null ? [] : [TargetArguments.UrlFlag, name];
        return new DlqTarget(client, name, tokenSource, $"Target: {name} ({address}, token from {tokenSource}).", flags);
    }

    public void Dispose() => _owned?.Dispose();

    private static (Uri Url, string? Source) ResolveUrl(TargetArguments arguments, CliEnvironment environment)
    {
        var (text, source) = arguments.Url is not null
            ? (arguments.Url, TargetArguments.UrlFlag)
            : (environment.Variables(WorkflowClientOptions.BaseUrlEnvironmentVariable), WorkflowClientOptions.BaseUrlEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return arguments.Url is null
                ? (WorkflowClientOptions.DefaultBaseUrl, null)
                : throw new UsageException(TargetArguments.UrlFlag, $"{TargetArguments.UrlFlag} is blank. Pass the service's address, such as {WorkflowClientOptions.DefaultBaseUrl} or http://127.0.0.1:8080 for bulkresume-emulator.");
        }

        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException(TargetArguments.UrlFlag, $"{source} '{trimmed}' is not an http or https address. Pass the service's address, such as {WorkflowClientOptions.DefaultBaseUrl} or http://127.0.0.1:8080.");
        }

        if (url.UserInfo.Length > 0)
        {
            throw new UsageException(TargetArguments.UrlFlag, $"{source} carries credentials before its host name; they would be printed with the address. Pass the address alone and the token with --token or QSTASH_TOKEN.");
        }

        // The service lives at the root of its host. A path here is most likely a workflow's URL meant as a filter,
        // and sending the token to it would hand the credentials to that workflow's server.
        if (url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new UsageException(
                TargetArguments.UrlFlag,
                $"{source} '{trimmed}' has a path, but it is the service's address (the token is sent there), such as {WorkflowClientOptions.DefaultBaseUrl} or http://127.0.0.1:8080. "
                + $"To select entries of a workflow, pass its URL to --workflow-url.");
        }

        return (url, source);
    }

    private static (string Token, string Source) ResolveToken(TargetArguments arguments, CliEnvironment environment, Uri url)
    {
        if (arguments.Token is not null)
        {
            return string.IsNullOrWhiteSpace(arguments.Token)
                ? throw new UsageException(TargetArguments.TokenFlag, $"{TargetArguments.TokenFlag} is blank. Pass the token of {DisplayName(url)}, or set QSTASH_TOKEN instead (it stays out of the shell's history).")
                : (arguments.Token.Trim(), TargetArguments.TokenFlag);
        }

        var token = environment.Variables(WorkflowClientOptions.TokenEnvironmentVariable);
        return string.IsNullOrWhiteSpace(token)
            ? throw new UsageException(
                TargetArguments.TokenFlag,
                $"No token for {DisplayName(url)}, so nothing was sent. Set QSTASH_TOKEN (export QSTASH_TOKEN=...) or pass --token TOKEN; "
                + $"or pass {TargetArguments.DemoFlag} to try bulkresume on an embedded demo DLQ.")
            : (token.Trim(), WorkflowClientOptions.TokenEnvironmentVariable);
    }

    private static string DisplayName(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
