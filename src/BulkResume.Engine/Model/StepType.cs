namespace BulkResume.Engine;

/// <summary>What a workflow step does.</summary>
internal enum StepType
{
    /// <summary>The first step, which carries the trigger payload.</summary>
    Initial,

    /// <summary>A <c>context.run</c> step.</summary>
    Run,

    /// <summary>A sleep for a duration.</summary>
    SleepFor,

    /// <summary>A sleep until a point in time.</summary>
    SleepUntil,

    /// <summary>An HTTP call made by the workflow service.</summary>
    Call,

    /// <summary>A wait for an event.</summary>
    Wait,

    /// <summary>A notification of waiters.</summary>
    Notify,

    /// <summary>An invocation of another workflow.</summary>
    Invoke,

    /// <summary>The creation of a webhook the workflow then waits on.</summary>
    CreateWebhook,

    /// <summary>A wait for a call of a webhook.</summary>
    WaitForWebhook,
}
