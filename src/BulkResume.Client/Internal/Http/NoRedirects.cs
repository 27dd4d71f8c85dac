namespace BulkResume.Internal.Http;

/// <summary>
/// The API redirects nowhere: its one 302 (a canceled failure callback, without a Location) is the answer itself.
/// </summary>
/// <remarks>
/// A handler that followed a redirect would send the request to another address without the token (.NET drops it on a
/// redirect) and report that address's answer as the service's, so the client's handlers never follow one.
/// </remarks>
internal static class NoRedirects
{
    /// <summary>Turns off redirects on the handlers .NET uses as primary handlers; any other handler is left as it is.</summary>
    public static void ApplyTo(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
