using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Designer;

public sealed record CreateProcessRequest(string? Key, string? Name);

public sealed record DiagramRequest(string? Xml);

public sealed record CancelInstanceRequest(string? Reason);

public sealed record SetVariableRequest(JsonElement? Value);

public sealed record SaveFormRequest(string? Name, JsonElement? Schema);

public sealed record SubmitFormRequest(System.Text.Json.Nodes.JsonObject? Values);
