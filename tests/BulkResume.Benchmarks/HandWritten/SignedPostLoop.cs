using System.Net;
using BulkResume.Benchmarks.Delivery;
using BulkResume.Engine.Delivery;

namespace BulkResume.Benchmarks.HandWritten;

/// <summary>
/// The floor of the delivery benchmark: what posting the engine's deliveries costs with nothing around it. Each of
/// <c>concurrency</c> loops takes the next prepared request, signs its exact bytes afresh (the same
/// <see cref="DeliverySignature.Sign"/> the worker calls: a signature carries its time and a random id, so each attempt
/// needs its own), POSTs it through one shared <see cref="HttpClient"/>, reads the answer and checks it is a 200. No
/// store, no claim, no recording.
/// </summary>
internal sealed class SignedPostLoop(HttpClient http, string signingKey)
{
    /// <summary>Posts every request once, <paramref name="concurrency"/> at a time; answers how many were answered 200.</summary>
    public async Task<int> PostAllAsync(IReadOnlyList<SignedPost> posts, int concurrency)
    {
        int next = -1;
        int done = 0;
        async Task LoopAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < posts.Count)
            {
                await PostAsync(posts[index]);
                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)));
        return done;
    }

    private async Task PostAsync(SignedPost post)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new ByteArrayContent(post.Body) };
        foreach ((string name, string value) in post.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach ((string name, string value) in post.ContentHeaders)
        {
            request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Upstash-Signature", DeliverySignature.Sign(signingKey, post.Url, post.Body, DateTimeOffset.UtcNow));
        using HttpResponseMessage response = await http.SendAsync(request);
        _ = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The no-op endpoint answered {(int)response.StatusCode} to the floor.");
        }
    }
}

/// <summary>One delivery as the floor posts it: the bytes and headers the worker sent, less the transport's own and the signature.</summary>
internal sealed record SignedPost(string Url, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers, IReadOnlyList<(string Name, string Value)> ContentHeaders)
{
    /// <summary>Headers HttpClient writes itself, and the signature, which is made again for every post.</summary>
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Upstash-Signature" };

    /// <summary>The post of a request the no-op endpoint captured from the worker.</summary>
    public static SignedPost From(CapturedRequest captured, string url)
    {
        var headers = new List<(string, string)>();
        var contentHeaders = new List<(string, string)>();
        foreach ((string name, string value) in captured.Headers.Where(header => !NotReplayed.Contains(header.Name)))
        {
            (IsContentHeader(name) ? contentHeaders : headers).Add((name, value));
        }

        return new SignedPost(url, captured.Body, headers, contentHeaders);
    }

    private static bool IsContentHeader(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);
}
