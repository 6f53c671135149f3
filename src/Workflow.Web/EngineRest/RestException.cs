namespace Workflow.Web.EngineRest;

/// <summary>An error in Camunda's REST shape: <c>{"type": "...", "message": "..."}</c> with its HTTP status.</summary>
public sealed class RestException(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;

    public static RestException BadRequest(string message) => new(400, "InvalidRequestException", message);

    public static RestException NotFound(string message) => new(404, "InvalidRequestException", message);

    public static RestException Forbidden(string message) => new(403, "AuthorizationException", message);
}
