namespace BulkResume.Engine.Http;

/// <summary>What a transport sends after fault injection: an answer, or a dropped connection.</summary>
public readonly struct FaultedResponse
{
    /// <summary>Creates the outcome.</summary>
    /// <param name="response">The answer, or <see langword="null"/> to drop the connection.</param>
    internal FaultedResponse(DlqApiResponse? response) => Response = response;

    /// <summary>The answer, or <see langword="null"/> when the connection is dropped.</summary>
    public DlqApiResponse? Response { get; }

    /// <summary><see langword="true"/> when the transport must drop the connection instead of answering.</summary>
    public bool DropConnection => Response is null;
}
