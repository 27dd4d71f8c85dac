using System.Net;

namespace BulkResume.IntegrationTests.Support;

/// <summary>One attempt as <see cref="RequestRecorder"/> saw it; <see cref="Status"/> is null when the connection dropped or it was aborted.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, DateTimeOffset Started, HttpStatusCode? Status, string? RateLimitReset);
