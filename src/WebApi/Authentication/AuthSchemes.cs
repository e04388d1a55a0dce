using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Auth.WebApi.Authentication;

public static class AuthSchemes
{
    /// <summary>Full access tokens (<c>at+jwt</c>): the default for every endpoint.</summary>
    public const string AccessToken = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Pre-TFA tokens (<c>pre-tfa+jwt</c>): only the TFA completion endpoints.</summary>
    public const string PreTfa = "PreTfa";

    /// <summary>Service clients' API keys (<c>X-API-Key</c>): the admin API only.</summary>
    public const string ApiKey = "ApiKey";
}
