using System.Security.Claims;
using Auth.Application.Sessions;
using Auth.Application.Sessions.EndReplayedGrant;
using Auth.WebApi.Http;
using MediatR;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.WebApi.OpenIdConnect;

/// <summary>
/// Where the provider does more than OpenIddict's defaults: a spent code or refresh token ends the session it speaks
/// for, a refresh token wins exactly once under concurrency, errors go back to a redirect URI the client registered,
/// and the error codes are those the RFCs name.
/// </summary>
public static class ProviderHandlers
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
    [
        EndSessionOfReplayedGrant.Descriptor,
        RedeemRefreshTokenOnce.Descriptor,
        RememberReturnableRedirectUri.Descriptor,
        ReturnErrorsToTheClient.Descriptor,
        RefuseWidenedScopes.Descriptor,
    ];

    /// <summary>The transaction property that holds a redirect URI registered for the request's client.</summary>
    public const string ReturnableRedirectUri = "auth:returnable_redirect_uri";

    /// <summary>Whether an error in this authorization request may go back to the app (its client and redirect URI are valid).</summary>
    public static bool CanReturnToClient(HttpContext context) =>
        context.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction?.GetProperty<string>(ReturnableRedirectUri) is not null;

    private static async Task EndSessionAsync(IMediator mediator, OpenIddictServerTransaction transaction, ClaimsPrincipal principal, ReplayedGrant grant)
    {
        if (!Guid.TryParse(principal.GetClaim(Claims.Subject), out var userId) || !Guid.TryParse(principal.GetClaim("sid"), out var sessionId))
        {
            return;
        }

        var http = transaction.GetHttpRequest()?.HttpContext;
        var caller = (http?.ToCallerContext() ?? Application.Common.Models.CallerContext.Unknown) with
        {
            ClientId = principal.GetPresenters().FirstOrDefault() ?? transaction.Request?.ClientId,
        };
        await mediator.Send(new EndReplayedGrantCommand(new CurrentSession(userId, sessionId), grant, caller));
    }

    private static ReplayedGrant? GrantOf(ClaimsPrincipal? principal) =>
        principal?.GetTokenType() switch
        {
            TokenTypeIdentifiers.Private.AuthorizationCode => ReplayedGrant.AuthorizationCode,
            TokenTypeIdentifiers.RefreshToken => ReplayedGrant.RefreshToken,
            _ => null,
        };

    /// <summary>
    /// A code or refresh token presented after it was spent: OpenIddict revokes its chain and refuses it (next handler);
    /// this also ends the Auth session behind it and audits the replay with the client id.
    /// </summary>
    public sealed class EndSessionOfReplayedGrant(IOpenIddictTokenManager tokens, IMediator mediator) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenIdResolved>()
            .UseScopedHandler<EndSessionOfReplayedGrant>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (GrantOf(context.Principal) is not { } grant
                || await tokens.FindByIdAsync(context.TokenId!) is not { } token
                || !await tokens.HasStatusAsync(token, Statuses.Redeemed))
            {
                return;
            }

            await EndSessionAsync(mediator, context.Transaction, context.Principal!, grant);
        }
    }

    /// <summary>
    /// OpenIddict marks a refresh token redeemed but ignores losing that race, so two parallel refreshes with one token
    /// would both succeed. Here it is redeemed first and conditionally: the loser is a replay (chain revoked, session
    /// ended, <c>invalid_grant</c>), as it is in the JSON API.
    /// </summary>
    public sealed class RedeemRefreshTokenOnce(IOpenIddictTokenManager tokens, IMediator mediator) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .UseScopedHandler<RedeemRefreshTokenOnce>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.EndpointType is not OpenIddictServerEndpointType.Token || context.Request?.IsRefreshTokenGrantType() != true)
            {
                return;
            }

            var principal = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!)?.RefreshTokenPrincipal;
            if (principal?.GetTokenId() is not { } id || await tokens.FindByIdAsync(id) is not { } token || await tokens.TryRedeemAsync(token))
            {
                return;
            }

            if (principal.GetAuthorizationId() is { } authorization)
            {
                await tokens.RevokeByAuthorizationIdAsync(authorization);
            }

            await EndSessionAsync(mediator, context.Transaction, principal, ReplayedGrant.RefreshToken);
            context.Reject(Errors.InvalidGrant, "The refresh token was already used.");
        }
    }

    /// <summary>
    /// Notes, before any other check of an authorization request, whether its client exists and registered its
    /// redirect URI: then every later error can go back to the app (RFC 6749 §4.1.2.1) instead of Auth's error page.
    /// </summary>
    public sealed class RememberReturnableRedirectUri(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseScopedHandler<RememberReturnableRedirectUri>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRedirectUriParameter.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.ClientId is { Length: > 0 } clientId && context.Request.RedirectUri is { Length: > 0 } redirectUri
                && await applications.FindByClientIdAsync(clientId) is { } application
                && await applications.ValidateRedirectUriAsync(application, redirectUri))
            {
                context.Transaction.SetProperty(ReturnableRedirectUri, redirectUri);
            }
        }
    }

    /// <summary>OpenIddict answers a refused request only to a redirect URI its validation accepted; this one was registered.</summary>
    public sealed class ReturnErrorsToTheClient : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<ReturnErrorsToTheClient>()
            .SetOrder(OpenIddictServerHandlers.Authentication.AttachRedirectUri.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.RedirectUri is null && context.Error is not null
                && context.Transaction.GetProperty<string>(ReturnableRedirectUri) is { } redirectUri)
            {
                context.RedirectUri = redirectUri;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>RFC 6749 §6: asking a refresh for a scope the grant did not include is <c>invalid_scope</c> (OpenIddict says invalid_grant).</summary>
    public sealed class RefuseWidenedScopes : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RefuseWidenedScopes>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantedScopes.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Request.IsRefreshTokenGrantType() && !string.IsNullOrEmpty(context.Request.Scope) && context.RefreshTokenPrincipal is { } principal
                && !principal.GetScopes().ToHashSet(StringComparer.Ordinal).IsSupersetOf(context.Request.GetScopes()))
            {
                context.Reject(Errors.InvalidScope, "The scope asked for exceeds what the user granted.");
            }

            return ValueTask.CompletedTask;
        }
    }
}
