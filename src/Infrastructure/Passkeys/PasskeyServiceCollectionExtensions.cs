using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Passkeys;

public static class PasskeyServiceCollectionExtensions
{
    /// <summary>
    /// The framework's WebAuthn handler over our store: a <see cref="UserManager{TUser}"/> of <see cref="PasskeyUser"/>
    /// (Identity's core services only; no SignInManager, cookies or Identity schema).
    /// </summary>
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.AddOptions<PasskeyOptions>()
            .Validate<IOptions<JwtOptions>>(
                (o, jwt) => RelyingPartyIdOf(o, jwt.Value) is { } rpId && o.Origins.All(origin => IsOriginUnder(origin, rpId)),
                "Passkeys: RelyingPartyId must be the host of Jwt:Issuer or a parent domain of it (not an IP address), and every " +
                "Passkeys:Origins entry an origin (scheme://host[:port], no path) on that domain.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddIdentityCore<PasskeyUser>().AddUserStore<PasskeyUserStore>();
        services.AddScoped<IPasskeyHandler<PasskeyUser>, PasskeyHandler<PasskeyUser>>();
        services.AddSingleton<IConfigureOptions<IdentityPasskeyOptions>, ConfigureIdentityPasskeyOptions>();
        services.AddScoped<IPasskeyVerifier, FrameworkPasskeyVerifier>();
        return services;
    }

    /// <summary>The configured RP id, or the issuer's host; null when a configured one is not the issuer's domain.</summary>
    internal static string? RelyingPartyIdOf(PasskeyOptions passkeys, JwtOptions jwt)
    {
        var host = new Uri(jwt.CanonicalIssuer).Host;
        var rpId = passkeys.RelyingPartyId;
        if (rpId is null)
        {
            return host;
        }

        return !System.Net.IPAddress.TryParse(rpId, out _) && IsUnder(host, rpId) ? rpId : null;
    }

    private static bool IsOriginUnder(string origin, string rpId) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && IsUnder(uri.Host, rpId);

    private static bool IsUnder(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Our settings, in the framework's terms. The RP id and the allowed origins are fixed by configuration (by default
/// the issuer's host and origin), never taken from the request's Host header; passkeys are discoverable (passwordless
/// sign-in needs it) and no attestation is asked for (consumer passkeys rarely give one, and we trust no vendor list).
/// </summary>
internal sealed class ConfigureIdentityPasskeyOptions(IOptions<PasskeyOptions> passkeys, IOptions<JwtOptions> jwt)
    : IConfigureOptions<IdentityPasskeyOptions>
{
    public void Configure(IdentityPasskeyOptions options)
    {
        var settings = passkeys.Value;
        var issuer = new Uri(jwt.Value.CanonicalIssuer);
        var origins = (settings.Origins.Count > 0 ? settings.Origins : [issuer.GetLeftPart(UriPartial.Authority)])
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        options.ServerDomain = PasskeyServiceCollectionExtensions.RelyingPartyIdOf(settings, jwt.Value);
        options.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && origins.Contains(context.Origin));
        options.UserVerificationRequirement = settings.UserVerification;
        options.ResidentKeyRequirement = "required";
        options.AttestationConveyancePreference = "none";
        options.AuthenticatorTimeout = settings.CeremonyLifetime;
    }
}
