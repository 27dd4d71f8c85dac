namespace BulkResume.Engine;

/// <summary>Makes new ids.</summary>
/// <remarks>Replace it to get deterministic ids in tests.</remarks>
public interface IDlqIdGenerator
{
    /// <summary>A new DLQ entry id for an entry dead-lettered at <paramref name="deadLetteredAt"/>.</summary>
    /// <param name="deadLetteredAt">When the entry enters the DLQ.</param>
    /// <returns>An id no other entry has.</returns>
    string NewDlqId(DateTimeOffset deadLetteredAt);

    /// <summary>A new workflow run id.</summary>
    /// <returns>An id no other run has.</returns>
    string NewWorkflowRunId();
}
