namespace Auth.WebApi.Http;

/// <summary>
/// Where a client keeps its device token: browsers in an HttpOnly, Secure, SameSite cookie; API clients take
/// <c>device_token</c> from the sign-in answer and send it back as <c>X-Device-Token</c>.
/// </summary>
public static class DeviceTokens
{
    public const string HeaderName = "X-Device-Token";
    public const string CookieName = "auth_device";

    public static string? ReadDeviceToken(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderName].ToString();
        return !string.IsNullOrEmpty(header) ? header : request.Cookies[CookieName];
    }

    /// <summary>Hands a newly recognised device its token as a cookie too (the body carries it for API clients).</summary>
    public static void WriteDeviceToken(this HttpResponse response, string? token) =>
        response.WriteDeviceToken(token, CookieName, "/api/v1/", secure: true);

    /// <summary>The same cookie under another name and path (the hosted pages keep their own, Secure over HTTPS).</summary>
    public static void WriteDeviceToken(this HttpResponse response, string? token, string cookieName, string path, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (token is null)
        {
            return;
        }

        response.Cookies.Append(cookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            Path = path,
            MaxAge = TimeSpan.FromDays(400),
        });
    }
}
