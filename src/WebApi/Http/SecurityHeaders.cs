using Microsoft.Net.Http.Headers;

namespace Auth.WebApi.Http;

/// <summary>Headers on every response: no sniffing, no framing, no referrer, a restrictive CSP, and no caching of API answers.</summary>
public static class SecurityHeaders
{
    /// <summary>API answers are data, never pages: nothing may load or frame them.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Swagger UI loads its own scripts, styles and the OpenAPI document from this origin.</summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers[HeaderNames.ContentSecurityPolicy] = context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase)
                ? DocsContentSecurityPolicy
                : ApiContentSecurityPolicy;
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                // Answers of an auth API carry tokens, secrets and personal data: no cache may keep them.
                headers[HeaderNames.CacheControl] = "no-store";
                headers[HeaderNames.Pragma] = "no-cache";
            }

            return next(context);
        });
}
