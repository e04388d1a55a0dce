using System.Collections.Immutable;
using System.Security.Claims;
using Auth.Application.Admin.Clients;
using Auth.Application.Common.Metrics;
using Auth.Application.SignIn.Levels;
using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.WebApi.OpenIdConnect;

/// <summary>
/// The OpenID Connect provider, on OpenIddict: authorization code (+ PKCE), refresh tokens (rotated; a reused one
/// revokes its chain), client credentials, userinfo, RP-initiated logout and revocation. Tokens are signed by the same
/// key ring as the JSON API's and published in the same JWKS; access tokens are plain JWTs (RFC 9068) that validate
/// exactly like the JSON API's. Codes and refresh tokens are encrypted with a key derived from the TFA master keys.
/// </summary>
public static class OpenIdConnectSetup
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string RevocationPath = "/connect/revoke";

    /// <summary>The one inline script OpenIddict's <c>form_post</c> answer carries (it submits the form), allowed by hash.</summary>
    public const string FormPostScriptHash = "'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='";

    /// <summary>The claims tokens and userinfo may carry; discovery lists exactly these.</summary>
    public static readonly IReadOnlyList<string> SupportedClaims =
    [
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.AuthenticationTime, Claims.Nonce,
        "sid", Claims.Email, Claims.EmailVerified, Claims.Name, "roles", "amr", "acr", Claims.ClientId, Claims.Scope,
    ];

    private const string EncryptionKeyLabel = "auth/oidc/token-encryption/v1";

    private static readonly string[] ArrayClaims = ["roles", "amr"];

    public static IServiceCollection AddOpenIdConnectProvider(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(AuthorizationPath)
                .SetTokenEndpointUris(TokenPath)
                .SetUserInfoEndpointUris(UserInfoPath)
                .SetEndSessionEndpointUris(EndSessionPath)
                .SetRevocationEndpointUris(RevocationPath)
                .SetConfigurationEndpointUris(WellKnownDocuments.OpenIdConfigurationPath);
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

            // PKCE for every client, confidential ones too (OAuth 2.0 Security BCP, RFC 9700 §2.1.1): a stolen code is useless.
            server.RequireProofKeyForCodeExchange();
            server.RegisterScopes([.. ClientVocabulary.Scopes]);
            server.RegisterClaims([.. SupportedClaims]);

            // Relying apps validate access tokens offline with the published keys, as they do the JSON API's.
            server.DisableAccessTokenEncryption();
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableErrorPassthrough();

            // The JWK Set stays the JSON API's (served from memory with an ETag); discovery points at it, and lists the acr values.
            server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler
                .UseInlineHandler(context =>
                {
                    // Every address from the configured issuer, never from the request's Host header (which a client chooses).
                    context.JsonWebKeySetEndpoint = new Uri(context.Issuer!, WellKnownDocuments.JwksPath.TrimStart('/'));
                    context.AuthorizationEndpoint = new Uri(context.Issuer!, AuthorizationPath.TrimStart('/'));
                    context.TokenEndpoint = new Uri(context.Issuer!, TokenPath.TrimStart('/'));
                    context.UserInfoEndpoint = new Uri(context.Issuer!, UserInfoPath.TrimStart('/'));
                    context.EndSessionEndpoint = new Uri(context.Issuer!, EndSessionPath.TrimStart('/'));
                    context.RevocationEndpoint = new Uri(context.Issuer!, RevocationPath.TrimStart('/'));
                    context.Metadata["acr_values_supported"] = AuthenticationLevels.Offered.ToImmutableArray<string?>();
                    context.Metadata["claims_parameter_supported"] = false;
                    return ValueTask.CompletedTask;
                })
                .SetOrder(int.MaxValue - 1000));

            foreach (var descriptor in ProviderHandlers.Descriptors)
            {
                server.AddEventHandler(descriptor);
            }

            // The tokens-issued metric counts the provider's grants beside the JSON API's.
            server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                .UseInlineHandler(context =>
                {
                    if (context.Response.AccessToken is not null && context.Request?.GrantType is { } grant)
                    {
                        AuthMetrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("grant", grant));
                    }

                    return ValueTask.CompletedTask;
                }));

            // roles and amr are arrays even with one value, as in the JSON API's tokens (a lone claim would be a string).
            server.AddEventHandler<OpenIddictServerEvents.GenerateTokenContext>(handler => handler
                .UseInlineHandler(context =>
                {
                    // An ID token names the user to the app; the provider's own bookkeeping stays out of it.
                    if (context.TokenType is TokenTypeIdentifiers.IdentityToken && context.Principal is { } identity)
                    {
                        foreach (var claims in identity.Identities.Append(context.SecurityTokenDescriptor.Subject).OfType<ClaimsIdentity>())
                        {
                            foreach (var claim in claims.Claims.Where(c => c.Type is Claims.Private.TokenId or Claims.Private.AuthorizationId).ToList())
                            {
                                claims.RemoveClaim(claim);
                            }
                        }

                        context.SecurityTokenDescriptor.Claims?.Remove(Claims.Private.TokenId);
                        context.SecurityTokenDescriptor.Claims?.Remove(Claims.Private.AuthorizationId);
                    }

                    if (context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken
                        && context.Principal is { } principal)
                    {
                        context.SecurityTokenDescriptor.Claims ??= new Dictionary<string, object>(StringComparer.Ordinal);
                        foreach (var type in ArrayClaims)
                        {
                            if (principal.GetClaims(type) is { IsDefaultOrEmpty: false } values)
                            {
                                context.SecurityTokenDescriptor.Claims[type] = values.ToArray();
                            }
                        }
                    }

                    return ValueTask.CompletedTask;
                })
                .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1));
        });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureOpenIddictServer>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerAspNetCoreOptions>, ConfigureOpenIddictAspNetCore>();
        services.AddSingleton<IAuthenticationSchemeProvider, SchemesWithoutTheProvidersRequestHandler>();
        return services;
    }

    /// <summary>The provider's own addresses (discovery, authorize, token, userinfo, end session, revocation).</summary>
    public static bool IsProviderPath(PathString path) =>
        ProviderPaths.Contains(path.Value is { Length: > 1 } value && value[^1] == '/' ? value[..^1] : path.Value ?? string.Empty);

    private static readonly HashSet<string> ProviderPaths = new(
        [AuthorizationPath, TokenPath, UserInfoPath, EndSessionPath, RevocationPath, WellKnownDocuments.OpenIdConfigurationPath],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// OpenIddict reads requests to the provider's addresses only. Its handler is an authentication request handler, which
    /// ASP.NET Core runs on every request so that it can tell whether the request is its own; that took about 15 % of
    /// the CPU an anonymous or <c>/me</c> request costs. It runs here, at the same place in the pipeline, for its paths.
    /// </summary>
    public static IApplicationBuilder UseOpenIdConnectProvider(this IApplicationBuilder app) =>
        app.UseWhen(context => IsProviderPath(context.Request.Path), provider => provider.Use(async (context, next) =>
        {
            var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
            if (await handlers.GetHandlerAsync(context, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler handler
                && await handler.HandleRequestAsync())
            {
                return;
            }

            await next(context);
        }));

    /// <summary>The scheme list ASP.NET Core's authentication middleware asks for request handlers, without the provider's.</summary>
    private sealed class SchemesWithoutTheProvidersRequestHandler(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        private (IEnumerable<AuthenticationScheme> All, AuthenticationScheme[] Others) last = ([], []);

        public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            // The base answers the same array until a scheme is added, so the filtered copy is made once per change.
            var all = await base.GetRequestHandlerSchemesAsync();
            var seen = last;
            if (!ReferenceEquals(all, seen.All))
            {
                seen = (all, all.Where(scheme => scheme.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ToArray());
                last = seen;
            }

            return seen.Others;
        }
    }

    private sealed class ConfigureOpenIddictServer(
        SigningKeyRing signingKeys, TfaKeyRing masterKeys, IOptions<JwtOptions> jwt, TimeProvider time)
        : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            var settings = jwt.Value;
            options.Issuer = new Uri(settings.CanonicalIssuer);
            options.TimeProvider = time;
            options.AccessTokenLifetime = settings.AccessTokenLifetime;
            options.AuthorizationCodeLifetime = TimeSpan.FromMinutes(1);

            // A refresh token works once, as the JSON API's: no grace period in which a copy could be replayed.
            options.RefreshTokenReuseLeeway = TimeSpan.Zero;
            foreach (var key in signingKeys.Keys)
            {
                options.SigningCredentials.Add(key.Credentials);
            }

            foreach (var key in masterKeys.DeriveKeys(EncryptionKeyLabel))
            {
                options.EncryptionCredentials.Add(new EncryptingCredentials(
                    new SymmetricSecurityKey(key), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            }

            // Discovery lists only what works: no select_account screen, no client-key (private_key_jwt) registration.
            options.PromptValues.Remove(PromptValues.SelectAccount);
            options.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);

            // PKCE with S256 only: "plain" protects nothing against a leaked authorization request.
            options.CodeChallengeMethods.Clear();
            options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);

        }
    }

    /// <summary>Plain HTTP is for a laptop and the tests; Production answers only over TLS (behind a proxy: forwarded headers).</summary>
    private sealed class ConfigureOpenIddictAspNetCore(IHostEnvironment environment) : IConfigureOptions<OpenIddictServerAspNetCoreOptions>
    {
        public void Configure(OpenIddictServerAspNetCoreOptions options) =>
            options.DisableTransportSecurityRequirement = !environment.IsProduction();
    }
}
