using Microsoft.AspNetCore.Identity;

namespace Workflow.Web.EngineRest;

/// <summary>
/// The Camunda 7–compatible REST face under /engine-rest (paths, query parameters, JSON shapes, status codes and error
/// body as Camunda's), so Camunda Modeler deploys to us and Camunda's external-task clients work unchanged.
/// </summary>
public static class EngineRestFeature
{
    public const string UserPolicy = "EngineRestUser";
    public const string AdminPolicy = "EngineRestAdmin";
    public const string WorkerPolicy = "EngineRestWorker";
    public const string Version = "7.22.0";
    public const string OpenApiDocument = "engine-rest";

    /// <summary>The largest JSON body any /engine-rest endpoint accepts (deployment uploads have their own limit).</summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    public static void AddEngineRest(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        // The cookie first: its challenge only sets the status; Basic then writes Camunda's error body.
        string[] schemes = [IdentityConstants.ApplicationScheme, BasicAuthenticationHandler.SchemeName];
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(schemes).RequireRole(Roles.Admin))
            .AddPolicy(WorkerPolicy, p => p.AddAuthenticationSchemes(schemes).RequireRole(Roles.Admin, Roles.Worker));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = RestJson.Options.Encoder;
        });
        // The OpenAPI description of /engine-rest, served at /openapi/engine-rest.json and shown at /Api.
        builder.Services.AddOpenApi(OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("engine-rest", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "engine-rest — Camunda 7–compatible REST API";
                document.Info.Version = Version;
                document.Info.Description = "Triển khai, định nghĩa, phiên bản quy trình, công việc, thông điệp, tác vụ ngoài, sự cố và lịch sử. Xác thực HTTP Basic.";
                return Task.CompletedTask;
            });
        });
        // A body that does not bind (malformed JSON, a string where a number belongs) throws, so the error middleware
        // can answer with Camunda's error shape instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    /// <summary>Camunda-shaped errors for /engine-rest; placed inside the app's exception handler so it answers first.</summary>
    public static void UseEngineRestErrors(this WebApplication app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/engine-rest"), branch => branch.UseMiddleware<RestErrorMiddleware>());

    /// <summary>
    /// Request-size limits under /engine-rest, after routing so each endpoint's own limit counts: a declared length
    /// over the limit is refused at once (413 in Camunda's shape), and the server stops reading a chunked body there.
    /// </summary>
    public static void UseEngineRestLimits(this WebApplication app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/engine-rest"), branch => branch.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? MaxJsonBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                throw new RestException(StatusCodes.Status413PayloadTooLarge, "InvalidRequestException",
                    $"Nội dung yêu cầu quá lớn: {http.Request.ContentLength:N0} byte, tối đa {limit:N0} byte.");
            }

            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(http);
        }));

    /// <summary>
    /// Camunda's clients (Modeler, the external-task clients) authenticate with HTTP Basic and send no browser headers;
    /// a browser sends its cookie, and the cached Basic credential, with any cross-site form. So a change under
    /// /engine-rest is refused when a browser says it comes from another site (Origin, Sec-Fetch-Site), and a change
    /// made with the cookie alone needs the antiforgery header or a same-origin Origin.
    /// </summary>
    internal static async ValueTask<object?> RefuseCrossSiteChanges(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return await next(context);
        }

        var origin = request.Headers.Origin.ToString();
        var sameOrigin = origin.Length > 0 && Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if ((origin.Length > 0 && !sameOrigin) || fetchSite is "cross-site" or "same-site")
        {
            throw RestException.Forbidden("Yêu cầu thay đổi từ trang web khác bị từ chối (chống giả mạo yêu cầu).");
        }

        var basic = request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (!basic && !sameOrigin
            && !await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(http))
        {
            throw RestException.Forbidden(
                "Thay đổi qua /engine-rest bằng phiên đăng nhập (cookie) cần header RequestVerificationToken hoặc Origin cùng nguồn; công cụ Camunda dùng HTTP Basic.");
        }

        return await next(context);
    }

    public static void MapEngineRest(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/engine-rest").RequireAuthorization(UserPolicy).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxJsonBodyBytes))
            .AddEndpointFilter(RefuseCrossSiteChanges);
        api.MapGet("/version", () => Results.Ok(new { version = Version }));
        api.MapGet("/engine", () => Results.Ok(new[] { new { name = "default" } }));
        DeploymentEndpoints.Map(api);
        DefinitionEndpoints.Map(api);
        InstanceEndpoints.Map(api);
        TaskEndpoints.Map(api);
        MessageEndpoints.Map(api);
        ExternalTaskEndpoints.Map(api);
        HistoryEndpoints.Map(api);
        // Any other path: Camunda's JSON 404 (never the product's HTML error page), for every method. A catch-all
        // route ranks below every other route, so it answers only what nothing else does.
        api.Map("/{**rest}", (HttpContext http) => throw RestException.NotFound(
            $"Không có tài nguyên REST {http.Request.Method} {http.Request.Path}: đường dẫn không thuộc API tương thích Camunda 7 của sản phẩm."));
    }
}
