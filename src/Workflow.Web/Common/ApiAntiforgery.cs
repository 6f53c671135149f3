using Microsoft.AspNetCore.Antiforgery;

namespace Workflow.Web.Common;

/// <summary>
/// The product's JSON API is called by its own pages with the cookie: every change carries the antiforgery token in the
/// RequestVerificationToken header (the pages' scripts send it), else it is refused before the endpoint runs.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>An endpoint filter for the /api groups.</summary>
    public static async ValueTask<object?> RequireForChanges(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            throw new DomainException("Thiếu hoặc sai mã chống giả mạo (antiforgery) — tải lại trang rồi thử lại.");
        }

        return await next(context);
    }
}
