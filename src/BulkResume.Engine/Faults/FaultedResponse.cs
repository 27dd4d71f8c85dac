using BulkResume.Engine.Http;

namespace BulkResume.Engine.Faults;

/// <summary>What a transport sends after fault injection: an answer, or a dropped connection.</summary>
public readonly record struct FaultedResponse(DlqApiResponse? Response)
{
    /// <summary><see langword="true"/> when the transport must drop the connection instead of answering.</summary>
    public bool DropConnection => Response is null;
}
