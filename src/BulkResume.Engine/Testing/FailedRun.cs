using System.Collections.ObjectModel;
using System.Globalization;
using BulkResume.Engine.Http;
using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>Builds a realistic <see cref="DlqEntry"/> that reads like the story of the failure.</summary>
/// <remarks>
/// <code>
/// FailedRun.For("https://example.com/api/orders").FailedAt(t).FailedAtStep(3, of: 5).WithLabels("billing").Build()
/// </code>
/// The run has an Initial step and Run steps <c>step-1</c>..<c>step-n</c>; the steps before the failed one succeeded
/// (with outputs), the failed one is <see cref="StepState.Failed"/>, and later ones never ran (absent). Every field has
/// a sensible default; ids are generated unless given.
/// </remarks>
public sealed class FailedRun
{
    /// <summary>When runs fail unless told otherwise.</summary>
    public static readonly DateTimeOffset DefaultFailedAt = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> JsonHeader =
        new ReadOnlyDictionary<string, IReadOnlyList<string>>(
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = ["application/json"] });

    private readonly string _workflowUrl;
    private IDlqIdGenerator _ids = DefaultDlqIdGenerator.Shared;
    private string? _dlqId;
    private string? _runId;
    private DateTimeOffset? _createdAt;
    private DateTimeOffset _failedAt = DefaultFailedAt;
    private int _failedStep = 1;
    private int _stepCount = 1;
    private string[]? _stepNames;
    private int _responseStatus = 500;
    private string? _responseBody = "Internal Server Error";
    private string[] _labels = [];
    private string? _flowControlKey;
    private int? _parallelism;
    private int? _rate;
    private TimeSpan? _period;
    private string? _callerIp = "203.0.113.7";
    private int _maxRetries = 3;
    private string? _body = "{\"input\":1}";
    private string? _failureCallback;
    private FailureCallbackRecord? _failureCallbackInfo;
    private List<(string Name, StepType Type, StepState State, string? Output)>? _recordedSteps;

    private FailedRun(string workflowUrl) => _workflowUrl = workflowUrl;

    /// <summary>Starts a failed run of the workflow at <paramref name="workflowUrl"/>.</summary>
    /// <param name="workflowUrl">The workflow endpoint.</param>
    /// <returns>The builder.</returns>
    public static FailedRun For(string workflowUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowUrl);
        return new FailedRun(workflowUrl);
    }

    /// <summary>Uses this DLQ id instead of a generated one.</summary>
    /// <param name="dlqId">The id.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithDlqId(string dlqId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dlqId);
        _dlqId = dlqId;
        return this;
    }

    /// <summary>Uses this run id instead of a generated one.</summary>
    /// <param name="workflowRunId">The id.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithRunId(string workflowRunId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowRunId);
        _runId = workflowRunId;
        return this;
    }

    /// <summary>Generates the ids not given with this generator.</summary>
    /// <param name="idGenerator">The generator.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithIds(IDlqIdGenerator idGenerator)
    {
        ArgumentNullException.ThrowIfNull(idGenerator);
        _ids = idGenerator;
        return this;
    }

    /// <summary>The run was created at this time (default: a minute before it failed).</summary>
    /// <param name="workflowCreatedAt">The creation time.</param>
    /// <returns>The builder.</returns>
    public FailedRun CreatedAt(DateTimeOffset workflowCreatedAt)
    {
        _createdAt = workflowCreatedAt;
        return this;
    }

    /// <summary>The run failed, and entered the DLQ, at this time (default <see cref="DefaultFailedAt"/>).</summary>
    /// <param name="failedAt">The failure time.</param>
    /// <returns>The builder.</returns>
    public FailedRun FailedAt(DateTimeOffset failedAt)
    {
        _failedAt = failedAt;
        return this;
    }

    /// <summary>The run has <paramref name="of"/> Run steps and failed at step <paramref name="step"/> (1-based; default 1 of 1).</summary>
    /// <param name="step">The failed step, from 1 to <paramref name="of"/>.</param>
    /// <param name="of">How many Run steps the workflow has.</param>
    /// <returns>The builder.</returns>
    public FailedRun FailedAtStep(int step, int of)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(of, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, of);
        _failedStep = step;
        _stepCount = of;
        _stepNames = null;
        return this;
    }

    /// <summary>
    /// The run's Run steps are named <paramref name="stepNames"/> (instead of <c>step-1</c>..<c>step-n</c>), in order, and it
    /// failed at the one named <paramref name="failedAt"/>.
    /// </summary>
    /// <param name="failedAt">The step that failed; one of <paramref name="stepNames"/>.</param>
    /// <param name="stepNames">The names of the workflow's steps, in the order the code runs them.</param>
    /// <returns>The builder.</returns>
    public FailedRun FailedAtStep(string failedAt, params string[] stepNames)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        int index = Array.IndexOf(stepNames, failedAt);
        if (index < 0)
        {
            throw new ArgumentException($"The failed step '{failedAt}' is not one of the steps given ({string.Join(", ", stepNames)}).", nameof(failedAt));
        }

        FailedAtStep(index + 1, stepNames.Length);
        _stepNames = stepNames;
        return this;
    }

    /// <summary>The workflow endpoint last answered this (default 500).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body it answered.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithResponseStatus(int status, string? body = null)
    {
        _responseStatus = status;
        _responseBody = body;
        return this;
    }

    /// <summary>The run carries these labels.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithLabels(params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = [.. labels];
        return this;
    }

    /// <summary>The run is flow-controlled with this key and these limits.</summary>
    /// <param name="key">The flow-control key.</param>
    /// <param name="parallelism">The parallelism, if any.</param>
    /// <param name="rate">The rate, if any.</param>
    /// <param name="period">The rate's window, if any.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithFlowControlKey(string key, int? parallelism = null, int? rate = null, TimeSpan? period = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        (_flowControlKey, _parallelism, _rate, _period) = (key, parallelism, rate, period);
        return this;
    }

    /// <summary>The run was triggered from this address (default <c>203.0.113.7</c>).</summary>
    /// <param name="callerIp">The address.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithCallerIp(string callerIp)
    {
        _callerIp = callerIp;
        return this;
    }

    /// <summary>The failed step was to be retried this many times (default 3).</summary>
    /// <param name="maxRetries">The retry count.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithMaxRetries(int maxRetries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _maxRetries = maxRetries;
        return this;
    }

    /// <summary>The run was triggered with this body (default <c>{"input":1}</c>).</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithBody(string? body)
    {
        _body = body;
        return this;
    }

    /// <summary>The run has a failure callback, which is in <paramref name="state"/>.</summary>
    /// <param name="url">The callback URL.</param>
    /// <param name="state">What happened to the callback.</param>
    /// <returns>The builder.</returns>
    public FailedRun WithFailureCallback(string url, CallbackState state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        _failureCallback = url;
        _failureCallbackInfo = new FailureCallbackRecord
        {
            State = DefinedValue.Of(state, nameof(state)),
            ResponseStatus = state == CallbackState.InProgress ? null : state == CallbackState.Success ? 200 : 500,
        };
        return this;
    }

    /// <summary>The run recorded this step, after those of earlier calls; the steps given so replace the generated ones.</summary>
    /// <remarks>
    /// Each step is recorded when the run failed, numbered from 1 in the order given. The type and state are the wire's
    /// names, as the run-logs endpoint writes them, so a seed read from JSON passes them as they came.
    /// </remarks>
    /// <param name="stepName">The step's name.</param>
    /// <param name="stepType">The step's type, such as <c>Run</c>, <c>Call</c> or <c>SleepFor</c>.</param>
    /// <param name="state">The step's state, such as <c>STEP_SUCCESS</c> or <c>STEP_FAILED</c>.</param>
    /// <param name="output">What the step returned, if anything.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="stepType"/> or <paramref name="state"/> is no wire name; the exception names which.</exception>
    public FailedRun WithStep(string stepName, string stepType, string state, string? output = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        try
        {
            (_recordedSteps ??= []).Add((stepName, WireNames.ParseStepType(nameof(stepType), stepType), WireNames.ParseStepState(nameof(state), state), output));
        }
        catch (DlqEngineException exception)
        {
            throw new ArgumentException(exception.Message, exception.ParameterName, exception);
        }

        return this;
    }

    /// <summary>Builds the entry.</summary>
    /// <returns>The DLQ entry.</returns>
    /// <exception cref="InvalidOperationException">The run was created after it failed.</exception>
    public DlqEntry Build()
    {
        // A minute before it failed, or the first instant a date holds when it failed in the first minute of year 1.
        DateTimeOffset createdAt = _createdAt
            ?? (_failedAt - DateTimeOffset.MinValue < TimeSpan.FromMinutes(1) ? DateTimeOffset.MinValue : _failedAt.AddMinutes(-1));
        if (createdAt > _failedAt)
        {
            throw new InvalidOperationException(
                $"The run is created at {createdAt:O}, after it failed at {_failedAt:O}; call CreatedAt with an earlier time or FailedAt with a later one.");
        }

        string runId = _runId ?? _ids.NewWorkflowRunId();
        return new DlqEntry
        {
            DlqId = _dlqId ?? _ids.NewDlqId(_failedAt),
            MessageId = "msg_" + runId,
            WorkflowRunId = runId,
            WorkflowUrl = _workflowUrl,
            WorkflowCreatedAt = createdAt,
            CreatedAt = _failedAt,
            Url = _workflowUrl,
            Header = JsonHeader,
            Body = _body,
            MaxRetries = _maxRetries,
            CallerIp = _callerIp,
            Labels = _labels,
            FlowControlKey = _flowControlKey,
            Parallelism = _parallelism,
            Rate = _rate,
            Period = _period,
            ResponseStatus = _responseStatus,
            ResponseBody = _responseBody,
            FailureCallback = _failureCallback,
            FailureCallbackInfo = _failureCallbackInfo,
            Steps = Steps(createdAt),
        };
    }

    private StepRecord[] Steps(DateTimeOffset createdAt)
    {
        if (_recordedSteps is not null)
        {
            return [.. _recordedSteps.Select((step, index) => new StepRecord
            {
                StepId = index + 1,
                StepName = step.Name,
                StepType = step.Type,
                Out = step.Output,
                State = step.State,
                CreatedAt = _failedAt,
            })];
        }

        var steps = new StepRecord[_failedStep + 1];
        steps[0] = new StepRecord
        {
            StepId = 0,
            StepName = "init",
            StepType = StepType.Initial,
            Out = _body,
            State = StepState.Success,
            CreatedAt = createdAt,
        };
        TimeSpan interval = (_failedAt - createdAt) / _failedStep;
        for (int step = 1; step <= _failedStep; step++)
        {
            bool failed = step == _failedStep;
            steps[step] = new StepRecord
            {
                StepId = step,
                StepName = _stepNames?[step - 1] ?? string.Create(CultureInfo.InvariantCulture, $"step-{step}"),
                StepType = StepType.Run,
                Out = failed ? null : string.Create(CultureInfo.InvariantCulture, $"\"result-{step}\""),
                State = failed ? StepState.Failed : StepState.Success,
                CreatedAt = failed ? _failedAt : createdAt + (interval * (step - 1)),
            };
        }

        return steps;
    }
}
