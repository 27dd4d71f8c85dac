namespace BulkResume.Engine.Http.Routing;

/// <summary>
/// What <see cref="DlqRouteTable.Find"/> found: the route and its values, or no route and the methods the path does
/// allow (none when the path is unknown).
/// </summary>
internal sealed record DlqRouteMatch(
    DlqRoute? Route, IReadOnlyDictionary<string, string> RouteValues, IReadOnlyList<string> AllowedMethods);
