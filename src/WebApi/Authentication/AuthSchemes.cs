using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Auth.WebApi.Authentication;

public static class AuthSchemes
{
    /// <summary>Full access tokens (<c>at+jwt</c>): the default for every API endpoint.</summary>
    public const string AccessToken = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>
    /// The default: the browser-session cookie on the hosted pages, the access token everywhere else, so a page's
    /// user (and the antiforgery tokens bound to it) is the same on every request a page makes.
    /// </summary>
    public const string ByPath = "ByPath";

    /// <summary>Pre-TFA tokens (<c>pre-tfa+jwt</c>): only the TFA completion endpoints.</summary>
    public const string PreTfa = "PreTfa";

    /// <summary>Service clients' API keys (<c>X-API-Key</c>): the admin API only.</summary>
    public const string ApiKey = "ApiKey";
}
