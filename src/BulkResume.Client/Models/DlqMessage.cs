using System.Text;

namespace BulkResume;

/// <summary>
/// One entry of the workflow Dead Letter Queue: the failed run, the request that failed and how it was answered.
/// </summary>
/// <remarks>
/// Get these from <see cref="DlqClient.ListAsync"/> or <see cref="DlqClient.GetAsync"/>; build them in tests with
/// <see cref="DlqModelFactory.DlqMessage"/>.
/// </remarks>
public sealed class DlqMessage
{
    private readonly string? _bodyBase64;
    private readonly string? _responseBodyBase64;

    internal DlqMessage(
        string dlqId,
        string messageId,
        string workflowRunId,
        string workflowUrl,
        DateTimeOffset workflowCreatedAt,
        DateTimeOffset createdAt,
        DateTimeOffset? notBefore,
        string url,
        string method,
        IReadOnlyDictionary<string, IReadOnlyList<string>> header,
        string? body,
        string? bodyBase64,
        int? maxRetries,
        string? callerIp,
        IReadOnlyList<string> labels,
        string? flowControlKey,
        int? parallelism,
        int? rate,
        TimeSpan? period,
        int? responseStatus,
        IReadOnlyDictionary<string, IReadOnlyList<string>> responseHeader,
        string? responseBody,
        string? responseBodyBase64,
        string? failureCallback,
        FailureCallbackInfo? failureCallbackInfo,
        FailureCallbackState? failureCallbackState)
    {
        DlqId = dlqId;
        MessageId = messageId;
        WorkflowRunId = workflowRunId;
        WorkflowUrl = workflowUrl;
        WorkflowCreatedAt = workflowCreatedAt;
        CreatedAt = createdAt;
        NotBefore = notBefore;
        Url = url;
        Method = method;
        Header = header;
        Body = body;
        _bodyBase64 = bodyBase64;
        MaxRetries = maxRetries;
        CallerIp = callerIp;
        Labels = labels;
        FlowControlKey = flowControlKey;
        Parallelism = parallelism;
        Rate = rate;
        Period = period;
        ResponseStatus = responseStatus;
        ResponseHeader = responseHeader;
        ResponseBody = responseBody;
        _responseBodyBase64 = responseBodyBase64;
        FailureCallback = failureCallback;
        FailureCallbackInfo = failureCallbackInfo;
        FailureCallbackState = failureCallbackState;
    }

    /// <summary>The entry's id: what <see cref="DlqClient.ResumeAsync"/>, <see cref="ResumeFilter.ForDlqIds(string[])"/> and the other DLQ calls take.</summary>
    public string DlqId { get; }

    /// <summary>The id of the message (the step request) that failed.</summary>
    public string MessageId { get; }

    /// <summary>The failed run's id.</summary>
    public string WorkflowRunId { get; }

    /// <summary>The workflow's URL.</summary>
    public string WorkflowUrl { get; }

    /// <summary>When the failed run was created.</summary>
    public DateTimeOffset WorkflowCreatedAt { get; }

    /// <summary>When the entry entered the DLQ (<c>createdAt</c>): the time the date filters compare.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The earliest time the failed message was to be delivered, or null when it was not delayed.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>The URL the failed request was sent to.</summary>
    public string Url { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The failed request's headers (<c>header</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Header { get; }

    /// <summary>
    /// The failed request's body when it is text (<c>body</c>); null when there was none or when the service sent it as
    /// base64 because it is not UTF-8.
    /// </summary>
    /// <remarks><see cref="GetBodyBytes"/> gives the bytes in both cases.</remarks>
    public string? Body { get; }

    /// <summary>The most retries the failed step had.</summary>
    public int? MaxRetries { get; }

    /// <summary>The address the run was triggered from (<c>callerIP</c>).</summary>
    public string? CallerIp { get; }

    /// <summary>The run's labels: <c>label</c> and <c>labels</c> of the wire, merged, each once; empty when none.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The run's flow-control key, if it had one.</summary>
    public string? FlowControlKey { get; }

    /// <summary>How many runs of <see cref="FlowControlKey"/> may run at once, if limited.</summary>
    public int? Parallelism { get; }

    /// <summary>How many runs of <see cref="FlowControlKey"/> may start per <see cref="Period"/>, if limited.</summary>
    public int? Rate { get; }

    /// <summary>The window of <see cref="Rate"/> (seconds on the wire), if set.</summary>
    public TimeSpan? Period { get; }

    /// <summary>The HTTP status the workflow endpoint answered to the failed request, if it answered.</summary>
    public int? ResponseStatus { get; }

    /// <summary>The headers of the failed request's answer (<c>responseHeader</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeader { get; }

    /// <summary>
    /// The answer's body when it is text (<c>responseBody</c>); null when there was none or when it came as base64.
    /// </summary>
    /// <remarks><see cref="GetResponseBodyBytes"/> gives the bytes in both cases.</remarks>
    public string? ResponseBody { get; }

    /// <summary>The URL of the run's failure callback, if it had one.</summary>
    public string? FailureCallback { get; }

    /// <summary>What happened to the failure callback, if the run had one (<c>failureCallbackInfo</c>, from the older reference).</summary>
    public FailureCallbackInfo? FailureCallbackInfo { get; }

    /// <summary>
    /// The state of the run's failure callback: <c>failureFunctionState</c>, or <c>failureCallbackInfo.state</c> when
    /// the service sends only the older form; a state this SDK does not know included.
    /// </summary>
    /// <remarks>Null when the run has no failure callback.</remarks>
    public FailureCallbackState? FailureCallbackState { get; }

    /// <summary>
    /// The failed request's body as bytes: <c>bodyBase64</c> decoded, or <see cref="Body"/> as UTF-8.
    /// </summary>
    /// <returns>The bytes, or null when the request had no body.</returns>
    /// <exception cref="FormatException">The service sent a <c>bodyBase64</c> that is not valid base64.</exception>
    /// <remarks>A new array per call.</remarks>
    public byte[]? GetBodyBytes() => ToBytes(_bodyBase64, Body);

    /// <summary>
    /// The answer's body as bytes: <c>responseBodyBase64</c> decoded, or <see cref="ResponseBody"/> as UTF-8.
    /// </summary>
    /// <returns>The bytes, or null when the answer had no body.</returns>
    /// <exception cref="FormatException">The service sent a <c>responseBodyBase64</c> that is not valid base64.</exception>
    /// <remarks>A new array per call.</remarks>
    public byte[]? GetResponseBodyBytes() => ToBytes(_responseBodyBase64, ResponseBody);

    /// <summary>The entry's id, run and workflow URL (never headers or bodies, which may hold secrets).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{DlqId} (run {WorkflowRunId}, {WorkflowUrl})";

    private static byte[]? ToBytes(string? base64, string? text) =>
        base64 is not null ? Convert.FromBase64String(base64)
        : text is not null ? Encoding.UTF8.GetBytes(text)
        : null;
}
