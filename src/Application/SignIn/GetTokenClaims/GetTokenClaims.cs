using Auth.Application.Admin.Clients;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.Completion;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.SignIn.GetTokenClaims;

/// <summary>
/// What the OpenID Connect provider's tokens say, and whom they are for: a signed-in session's claims (built by
/// <see cref="SessionClaims"/>, as the JSON API's are), or for a service signing in as itself (client credentials)
/// only its client id. A token is for the JSON API only when it was granted the <c>api</c> scope; any other names the
/// client itself, so the JSON API refuses it.
/// </summary>
public sealed record GetTokenClaimsQuery(SignedInSession? Session, string ClientId, IReadOnlyList<string> Scopes)
    : IRequest<Result<TokenClaims>>;

public sealed class GetTokenClaimsQueryHandler(IAccessTokenIssuer accessTokens) : IRequestHandler<GetTokenClaimsQuery, Result<TokenClaims>>
{
    public Task<Result<TokenClaims>> Handle(GetTokenClaimsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var claims = request.Session is { } session ? SessionClaims.Of(session).For(request.Scopes) : SessionClaims.ForClient(request.ClientId);
        var audience = request.Scopes.Contains(ClientVocabulary.ApiScope) ? accessTokens.Audience : request.ClientId;
        return Task.FromResult<Result<TokenClaims>>(new TokenClaims(claims, audience));
    }
}
