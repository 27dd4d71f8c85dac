namespace BulkResume.Engine;

/// <summary>Settings of a <see cref="DlqEngine"/>.</summary>
public sealed class DlqEngineOptions
{
    /// <summary>The service's limit of entries per bulk request.</summary>
    internal const int ServiceMaxBulkPageSize = 50;

    /// <summary>The engine's limit (and default) of entries one bulk delete by criteria removes: the reference names none.</summary>
    internal const int ServiceMaxDeletePageSize = 100;

    /// <summary>The service's limit (and default) of entries per listing page.</summary>
    internal const int ServiceMaxListPageSize = 100;

    /// <summary>The service's limit (and default) of runs per run-logs page.</summary>
    internal const int ServiceMaxRunPageSize = 10;

    /// <summary>
    /// The clock of resumed runs' creation times, of the run logs and of the <c>Date</c> header every answer of the
    /// HTTP API carries.
    /// </summary>
    /// <remarks>Tests pass a <c>FakeTimeProvider</c>.</remarks>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Makes run ids (and DLQ ids for callers that ask it).</summary>
    /// <remarks>Tests pass a deterministic one.</remarks>
    public IDlqIdGenerator IdGenerator { get; init; } = DefaultDlqIdGenerator.Shared;

    /// <summary>The most entries one bulk call resumes, and the most ids it accepts; the service's is 50.</summary>
    public int MaxBulkPageSize { get; init; } = ServiceMaxBulkPageSize;

    /// <summary>The most entries one bulk delete by criteria removes; by ids, <see cref="MaxBulkPageSize"/> ids at most still apply.</summary>
    public int MaxDeletePageSize { get; init; } = ServiceMaxDeletePageSize;

    /// <summary>
    /// The keys every delivery to a workflow endpoint is signed with, and that <c>GET /v2/keys</c> answers.
    /// </summary>
    /// <value><see langword="null"/> by default: deliveries are sent unsigned, for endpoints that verify nothing.</value>
    public Delivery.SigningKeys? SigningKeys { get; init; }
}
