namespace Workflow.Web.Common;

/// <summary>
/// Request-size limits under /api, after routing so an endpoint's own limit counts: a declared length over the limit is
/// a 413 in the API's problem shape at once, and the server stops reading a chunked body there.
/// </summary>
public static class ApiLimits
{
    /// <summary>The largest body a /api endpoint accepts unless it declares its own limit (evidence uploads).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static async Task EnforceAsync(HttpContext http, Func<Task> next)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            throw new DomainException($"Nội dung yêu cầu quá lớn: {http.Request.ContentLength:N0} byte, tối đa {limit:N0} byte.", StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next();
    }
}
