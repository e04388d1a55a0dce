using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.SignIn.AuthorizeClient;

/// <summary>
/// An OpenID Connect authorization request that OpenIddict has validated as protocol (client, redirect URI, PKCE):
/// may the browser's session answer it now? It must be fresh enough (<c>prompt=login</c>, <c>max_age</c>) and strong
/// enough (<c>acr_values</c>), and a third-party client needs the user's consent to the scopes.
/// </summary>
/// <param name="Session">The browser's session, as validated for this request, or null when it is not signed in.</param>
/// <param name="ForceSignIn"><c>prompt=login</c>: sign in again whatever the session.</param>
/// <param name="ForceConsent"><c>prompt=consent</c>: ask again even with a standing consent.</param>
/// <param name="RequestKey">What identifies this request (client, redirect URI, state, nonce), for its sign-in stamp.</param>
/// <param name="SignInStamp">The stamp this request was sent to sign in with, when it comes back from signing in.</param>
public sealed record AuthorizeClientQuery(
    SignedInSession? Session,
    string ClientId,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AcrValues,
    TimeSpan? MaxAge,
    bool ForceSignIn,
    bool ForceConsent,
    string RequestKey,
    string? SignInStamp) : IRequest<Result<ClientAuthorization>>;

public enum ClientAuthorizationOutcome
{
    /// <summary>The browser must sign in (again), at <see cref="ClientAuthorization.RequiredLevel"/> when one was asked for.</summary>
    SignIn,

    /// <summary>The account has no factor strong enough for the level asked for, whatever sign-in follows.</summary>
    LevelUnreachable,

    /// <summary>A third-party client the user has not allowed these scopes: ask.</summary>
    AskConsent,

    /// <summary>Answer the client: tokens for this session, under <see cref="ClientAuthorization.ConsentId"/> for a third party.</summary>
    Grant,
}

/// <param name="SignInStamp">With <see cref="ClientAuthorizationOutcome.SignIn"/>: what the way back carries.</param>
public sealed record ClientAuthorization(
    ClientAuthorizationOutcome Outcome, string? RequiredLevel = null, string? ClientName = null, string? ConsentId = null,
    string? SignInStamp = null);

public sealed class AuthorizeClientQueryHandler(IClientRegistry clients, ISignInRequestStamps stamps, TimeProvider time)
    : IRequestHandler<AuthorizeClientQuery, Result<ClientAuthorization>>
{
    public async Task<Result<ClientAuthorization>> Handle(AuthorizeClientQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requiredLevel = AuthenticationLevels.WeakestKnown(request.AcrValues);
        if (request.Session is not { } session || MustSignInAgain(request, session, requiredLevel))
        {
            return new ClientAuthorization(
                ClientAuthorizationOutcome.SignIn, requiredLevel, SignInStamp: stamps.Issue(request.RequestKey, time.GetUtcNow()));
        }

        if (requiredLevel is not null && !AuthenticationLevels.Satisfies(session.AuthenticationLevel, requiredLevel))
        {
            // Still short after any sign-in that could help: the account has no factor strong enough.
            return new ClientAuthorization(ClientAuthorizationOutcome.LevelUnreachable, requiredLevel);
        }

        var consent = await clients.FindConsentAsync(session.UserId, request.ClientId, request.Scopes, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        if (consent.IsFirstParty)
        {
            return new ClientAuthorization(ClientAuthorizationOutcome.Grant, ClientName: consent.DisplayName);
        }

        return consent.ConsentId is { } consentId && !request.ForceConsent
            ? new ClientAuthorization(ClientAuthorizationOutcome.Grant, ClientName: consent.DisplayName, ConsentId: consentId)
            : new ClientAuthorization(ClientAuthorizationOutcome.AskConsent, ClientName: consent.DisplayName);
    }

    private bool MustSignInAgain(AuthorizeClientQuery request, SignedInSession session, string? requiredLevel)
    {
        // A sign-in made after this very request sent the browser to sign in is fresh for it, whatever prompt=login or
        // max_age (even 0) say: one fresh sign-in satisfies the request, and no way back skips it.
        var signInRequestedAt = request.SignInStamp is { } stamp ? stamps.Read(stamp, request.RequestKey) : null;
        var freshForThisRequest = signInRequestedAt is { } at && session.AuthenticatedAt > at;
        if (!freshForThisRequest
            && (request.ForceSignIn || (request.MaxAge is { } maxAge && time.GetUtcNow() - session.AuthenticatedAt > maxAge)))
        {
            return true;
        }

        // A stronger level is worth a new sign-in only when the account can prove it.
        return requiredLevel is not null && !AuthenticationLevels.Satisfies(session.AuthenticationLevel, requiredLevel)
            && AuthenticationLevels.IsReachable(requiredLevel, session.HasBoundSecondFactor, session.HasBoundPasskey);
    }
}
