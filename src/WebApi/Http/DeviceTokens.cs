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
    public static void WriteDeviceToken(this HttpResponse response, string? token)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (token is null)
        {
            return;
        }

        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            Path = "/api/v1/",
            MaxAge = TimeSpan.FromDays(400),
        });
    }
}
