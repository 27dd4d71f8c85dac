namespace BulkResume.Engine.Http.Routing;

/// <summary>Answers a request that matched a route; <paramref name="routeValues"/> holds the template's <c>{name}</c> segments.</summary>
internal delegate ValueTask<DlqApiResponse> DlqRouteHandler(
    DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken);
