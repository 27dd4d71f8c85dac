using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// <c>GET /v2/keys</c>: the keys deliveries are signed with, <c>{"current":"...","next":"..."}</c>, for an endpoint to
/// verify them; an engine without keys answers 404 saying how to configure them.
/// </summary>
/// <remarks>
/// The official SDK in dev mode (<c>QSTASH_DEV=true</c>) checks that its local server runs by this call, and takes only
/// a 2xx answer whose keys are exactly <see cref="SigningKeys.Dev"/>; anything else sends it to download the server.
/// </remarks>
internal sealed class SigningKeysEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/keys";

    public void MapTo(DlqRouteTable routes) => routes.Map("GET", Path, AllowedParameters.None, Answer);

    private ValueTask<DlqApiResponse> Answer(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken) =>
        ValueTask.FromResult(engine.Options.SigningKeys is { } keys
            ? DlqApiResponses.Json(200, new SigningKeysBody { Current = keys.Current, Next = keys.Next }, DlqApiJsonContext.Default.SigningKeysBody)
            : DlqApiResponses.Error(
                404,
                "This server has no signing keys: its deliveries are not signed. Configure both keys "
                + "(DlqEngineOptions.SigningKeys; the emulator's WorkflowEmulatorOptions.SigningKeys, or its flags "
                + "--signing-key-current and --signing-key-next, or --dev for the local dev server's keys)."));
}
