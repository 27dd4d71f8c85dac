namespace BulkResume.Engine.Sql;

/// <summary>The filter whose index a branch of <see cref="SqlDlqQueryBuilder"/>'s query reads in key order.</summary>
internal enum DrivingFilter
{
    /// <summary>No multi-valued filter: the key index (created_at, dlq_id) drives.</summary>
    Key,

    /// <summary>The workflow URLs.</summary>
    Url,

    /// <summary>The workflow's creation time.</summary>
    WorkflowCreatedAt,

    /// <summary>The labels, through the label table.</summary>
    Label,

    /// <summary>The flow-control keys.</summary>
    FlowControlKey,

    /// <summary>The caller IPs.</summary>
    CallerIp,

    /// <summary>The failure-callback states.</summary>
    CallbackState,
}
