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

    /// <summary>
    /// Hosted pages: our own stylesheet and images (the QR code is a data: URI), and only our own script file (passkeys
    /// need WebAuthn, which is JavaScript), which may fetch only from this origin; no inline script. No
    /// <c>form-action</c>: a sign-in or consent form ends in a redirect to the app's registered redirect URI, which
    /// browsers check against it.
    /// </summary>
    public const string PagesContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The authorization endpoint also answers with OpenIddict's form_post page, whose one script is allowed by its hash.</summary>
    public const string AuthorizationContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src " + OpenIdConnect.OpenIdConnectSetup.FormPostScriptHash +
        "; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            headers[HeaderNames.ContentSecurityPolicy] =
                path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase) ? DocsContentSecurityPolicy
                : path.StartsWithSegments(OpenIdConnect.OpenIdConnectSetup.AuthorizationPath, StringComparison.OrdinalIgnoreCase)
                    ? AuthorizationContentSecurityPolicy
                : IsPage(path) ? PagesContentSecurityPolicy
                : ApiContentSecurityPolicy;
            if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || IsPage(path)
                || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
            {
                // Answers of an auth API carry tokens, secrets and personal data: no cache may keep them.
                headers[HeaderNames.CacheControl] = "no-store";
                headers[HeaderNames.Pragma] = "no-cache";
            }

            return next(context);
        });

    /// <summary>The hosted pages (and the protocol endpoints a browser visits), as opposed to the JSON API.</summary>
    public static bool IsPage(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/verify-email", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/reset-password", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase);
}
