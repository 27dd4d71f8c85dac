using System.Globalization;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;

namespace BulkResume.Internal.Operations;

/// <summary>
/// A validated copy of <see cref="ResumeOptions"/> taken when an operation starts, with its override headers already
/// formatted; later changes to the options do not leak in.
/// </summary>
internal sealed class RunOverrides
{
    public static readonly RunOverrides None = new([], null, null, null, default, null, skipMissingDlqIds: false);

    private readonly KeyValuePair<string, string>[] _headers;

    private RunOverrides(
        KeyValuePair<string, string>[] headers,
        int? pageSize,
        int? maxConcurrency,
        Action<UnknownPageOutcome>? onUnknownOutcome,
        CancellationToken gracefulStop,
        DlqIdsProgress? dlqIdsProgress,
        bool skipMissingDlqIds)
    {
        GracefulStop = gracefulStop;
        DlqIdsProgress = dlqIdsProgress;
        SkipMissingDlqIds = skipMissingDlqIds;
        _headers = headers;
        PageSize = pageSize;
        MaxConcurrency = maxConcurrency;
        OnUnknownOutcome = onUnknownOutcome;
    }

    private int? PageSize { get; }

    /// <summary>The requests a bulk operation keeps in flight; null or 1 for one at a time.</summary>
    public int? MaxConcurrency { get; }

    public Action<UnknownPageOutcome>? OnUnknownOutcome { get; }

    /// <summary><see cref="ResumeOptions.GracefulStop"/>.</summary>
    public CancellationToken GracefulStop { get; }

    /// <summary><see cref="ResumeOptions.DlqIdsProgress"/>.</summary>
    public DlqIdsProgress? DlqIdsProgress { get; }

    /// <summary><see cref="ResumeOptions.SkipMissingDlqIds"/>.</summary>
    public bool SkipMissingDlqIds { get; }

    /// <summary>
    /// The page size of a page: the hint given to <c>AsPages</c> or <see cref="ResumeOptions.PageSize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Both are set and differ. Nothing was sent for the page.</exception>
    /// <remarks>
    /// Two different sizes are refused rather than one silently winning, since either may be what the caller relies on.
    /// </remarks>
    public int? PageSizeFor(int? pageSizeHint)
    {
        if (pageSizeHint is { } hint && PageSize is { } size && hint != size)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"AsPages(pageSizeHint: {hint}) conflicts with ResumeOptions.PageSize = {size}. Set the page size in one place: leave pageSizeHint null, or ResumeOptions.PageSize null."),
                "pageSizeHint");
        }

        return pageSizeHint ?? PageSize;
    }

    /// <exception cref="ArgumentException">An option breaks its rule; the message names the option and the fix.</exception>
    public static RunOverrides From(ResumeOptions? options, string parameterName)
    {
        if (options is null)
        {
            return None;
        }

        if (options.PageSize is < 1 or > ResumeOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                options.PageSize,
                string.Create(CultureInfo.InvariantCulture, $"ResumeOptions.PageSize must be between 1 and {ResumeOptions.MaxPageSize} (the service's limit per request), or null for the service's default."));
        }

        ConcurrencyRange.Ensure(options.MaxConcurrency, parameterName, "ResumeOptions.MaxConcurrency");
        var headers = new List<KeyValuePair<string, string>>();
        const string Option = "ResumeOptions.";
        if (options.Retries is { } retries)
        {
            headers.Add(new("Upstash-Retries", RunSettingRules.Retries(retries, Option + "Retries", parameterName, "keep each run's original retries")));
        }

        if (options.Delay is { } delay)
        {
            headers.Add(new("Upstash-Delay", RunSettingRules.Delay(delay, Option + "Delay", parameterName)));
        }

        if (options.RetryDelay is { } retryDelay)
        {
            RetryDelayExpression.Ensure(retryDelay, parameterName);
            headers.Add(new("Upstash-Retry-Delay", retryDelay));
        }

        if (options.FlowControl is { } flowControl)
        {
            headers.Add(new("Upstash-Flow-Control-Key", flowControl.Key));
            headers.Add(new("Upstash-Flow-Control-Value", flowControl.HeaderValue));
        }

        if (options.Labels is { } labels)
        {
            headers.Add(new("Upstash-Label", RunSettingRules.Labels(labels, Option + "Labels", parameterName, "the new runs would lose every label. Give at least one label, or leave it null to keep the original labels.", "a label for the new runs")));
        }

        if (options.FailureCallbackUrl is { } callback)
        {
            headers.Add(new("Upstash-Failure-Callback", RunSettingRules.FailureCallback(callback, Option + "FailureCallbackUrl", parameterName, "keep the original runs' failure callback")));
        }

        return new RunOverrides([.. headers], options.PageSize, options.MaxConcurrency, options.OnUnknownOutcome, options.GracefulStop, options.DlqIdsProgress, options.SkipMissingDlqIds);
    }

    /// <summary>
    /// <see cref="From"/> for a bulk action, where the service runs the whole selection itself: the options that steer
    /// the client's own paging and draining are refused first, since set they would do nothing, and a caller who relies
    /// on one must hear so (not that its value is out of range).
    /// </summary>
    /// <param name="options">The caller's options, or null.</param>
    /// <param name="operationName">The operation, for the message: <c>DlqClient.StartBulkResumeAsync</c>.</param>
    /// <param name="syncCall">The call that pages on the client, where the option applies: <c>DlqClient.BulkResumeAsync</c>.</param>
    /// <param name="parameterName">The operation's options parameter.</param>
    /// <exception cref="ArgumentException">One of those options is set (the message names it), or an override breaks its rule.</exception>
    public static RunOverrides ForBulkAction(ResumeOptions? options, string operationName, string syncCall, string parameterName)
    {
        const string ByIds = "a bulk action takes no explicit ids";
        var (option, why) = options is null ? (null, null)
            : options.PageSize is not null ? ("PageSize", "the service works through the selection in slices of its own")
            : options.MaxConcurrency is not null ? ("MaxConcurrency", "the service works through the selection itself, with no request of the client's in flight")
            : options.OnUnknownOutcome is not null ? ("OnUnknownOutcome", "a bulk action has no pages whose answer could be lost (a lost answer to the start is retried, and an identical request returns the running action)")
            : options.GracefulStop.CanBeCanceled ? ("GracefulStop", "the action runs on the service, and nothing stops it; cancelling WaitForCompletionAsync stops watching it")
            : options.DlqIdsProgress is not null ? ("DlqIdsProgress", ByIds)
            : options.SkipMissingDlqIds ? ("SkipMissingDlqIds", ByIds)
            : (null, null);
        if (option is not null)
        {
            throw new ArgumentException(
                $"ResumeOptions.{option} does not apply to {operationName}: {why}. Leave it unset, or use {syncCall}, which pages on the client.",
                parameterName);
        }

        return From(options, parameterName);
    }

    /// <summary>Adds the override headers; absent values are not sent, so the service keeps the original run's.</summary>
    public void ApplyTo(WorkflowRequest request) => request.Headers.AddRange(_headers);
}
