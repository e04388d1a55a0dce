using System.Security.Claims;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.DataProtection;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Pages;

/// <summary>
/// A signed-in browser carries the same <c>Session</c> the API creates, in an HttpOnly, SameSite=Lax cookie (Secure in
/// Production; over plain HTTP elsewhere so a laptop works). The cookie holds only the user and session ids; every
/// request reads the session again, so revoking it anywhere (API, account page, admin, password reset) signs the
/// browser out at its next request.
/// </summary>
public static class BrowserSessions
{
    public const string Scheme = "BrowserSession";
    public const string CookieName = "auth_session";
    public const string SignInPath = "/account/signin";

    public static IServiceCollection AddBrowserSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.IsEssential = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account";
            options.ReturnUrlParameter = "returnUrl";
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IHostEnvironment>((options, environment) =>
        {
            options.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

            // Over HTTPS the __Host- prefix keeps a sibling subdomain from planting or shadowing the session cookie.
            options.Cookie.Name = environment.IsProduction() ? "__Host-" + CookieName : CookieName;
        });

        // Antiforgery tokens and the cookie are protected by ASP.NET Core Data Protection. Its key ring lives in the
        // database, shared by every node (or, when DataProtection:KeyDirectory is set, in that folder); either way each
        // key is sealed with the service's own key ring before it is stored.
        var dataProtection = services.AddDataProtection().SetApplicationName("Auth");
        if (configuration["DataProtection:KeyDirectory"] is { Length: > 0 } keyDirectory)
        {
            services.AddOptions<KeyManagementOptions>().Configure<IHostEnvironment, ILoggerFactory>((options, environment, logs) =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(environment.ContentRootPath, keyDirectory)), logs));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<AuthDbContext>();
        }

        services.AddOptions<KeyManagementOptions>().Configure<ISecretProtector>((options, protector) =>
            options.XmlEncryptor = new SealedDataProtectionKeys(protector));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "auth_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IHostEnvironment>((options, environment) =>
        {
            options.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.Name = environment.IsProduction() ? "__Host-auth_antiforgery" : "auth_antiforgery";
        });
        return services;
    }

    /// <summary>The session validated for this request, or null when the browser is not signed in.</summary>
    public static SignedInSession? Current(HttpContext context) =>
        context.Items.TryGetValue(typeof(SignedInSession), out var value) ? value as SignedInSession : null;

    /// <summary>Reads the browser's session (validating it as every page does), or null when it is not signed in.</summary>
    public static async Task<SignedInSession?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? Current(context) : null;
    }

    public static Task SignInAsync(HttpContext context, Guid userId, Guid sessionId, DateTimeOffset expiresAt)
    {
        var identity = new ClaimsIdentity(
            [new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()), new Claim(JwtRegisteredClaimNames.Sid, sessionId.ToString())],
            Scheme, JwtRegisteredClaimNames.Sub, "roles");
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = true,
            ExpiresUtc = expiresAt,
            AllowRefresh = false,
        });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is not null
            && Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var userId)
            && Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sid), out var sessionId))
        {
            var mediator = context.HttpContext.RequestServices.GetRequiredService<IMediator>();
            var session = await mediator.Send(new GetSignedInSessionQuery(new CurrentSession(userId, sessionId)), context.HttpContext.RequestAborted);
            if (session.IsSuccess)
            {
                context.HttpContext.Items[typeof(SignedInSession)] = session.Value;
                return;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
