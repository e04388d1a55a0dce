using Auth.Application.Admin.Clients;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Sessions;
using Auth.Domain.Users;

namespace Auth.Application.SignIn.Completion;

/// <summary>Which of a sign-in's tokens a claim goes into.</summary>
[Flags]
public enum TokenKinds
{
    None = 0,
    AccessToken = 1,
    IdentityToken = 2,
    Both = AccessToken | IdentityToken,
}

/// <summary>One claim: a string, a boolean, a number (seconds) or an array of strings, and the tokens it goes into.</summary>
public sealed record TokenClaim(string Type, object Value, TokenKinds Tokens);

/// <summary>The claims of a token, and the audience it is for.</summary>
public sealed record TokenClaims(IReadOnlyList<TokenClaim> Claims, string Audience);

/// <summary>
/// What a token says about a signed-in session: the one place claims are built, for the JSON API's access tokens and
/// the OpenID Connect provider's access and ID tokens alike, so the two cannot say different things. An access token
/// carries who, which session, at what level (<c>amr</c>, <c>acr</c>, <c>auth_time</c>), the address and the roles; an
/// ID token carries who and how, plus what its scopes ask for.
/// </summary>
public sealed record SessionClaims(
    Guid UserId,
    Guid SessionId,
    string Email,
    bool EmailVerified,
    string FullName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> AuthenticationMethods,
    DateTimeOffset AuthenticatedAt)
{
    public static SessionClaims Of(User user, Session session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        return new(user.Id, session.Id, user.Email, user.IsEmailVerified, user.FullName, [.. user.Roles], session.AuthenticationMethodList,
            session.CreatedAt);
    }

    public static SessionClaims Of(SignedInSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.UserId, session.SessionId, session.Email, session.EmailVerified, session.FullName, session.Roles,
            session.AuthenticationMethods, session.AuthenticatedAt);
    }

    public string AuthenticationLevel => AuthenticationLevels.Of(AuthenticationMethods);

    /// <summary>
    /// Every claim with the tokens it goes into, for a token granted <paramref name="scopes"/>: the address only with
    /// <c>email</c>, the roles only with <c>roles</c>, the name only in an ID token with <c>profile</c>.
    /// </summary>
    public IReadOnlyList<TokenClaim> For(IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        TokenKinds With(string scope) => scopes.Contains(scope) ? TokenKinds.Both : TokenKinds.None;
        return
        [
            new("sub", UserId.ToString(), TokenKinds.Both),
            new("sid", SessionId.ToString(), TokenKinds.Both),
            new("email", Email, With(ClientVocabulary.EmailScope)),
            new("email_verified", EmailVerified, With(ClientVocabulary.EmailScope)),
            new("roles", Roles.ToArray(), With(ClientVocabulary.RolesScope)),
            new("amr", AuthenticationMethods.ToArray(), TokenKinds.Both),
            new("acr", AuthenticationLevel, TokenKinds.Both),
            new("auth_time", AuthenticatedAt.ToUnixTimeSeconds(), TokenKinds.Both),
            new("name", FullName, scopes.Contains(ClientVocabulary.ProfileScope) ? TokenKinds.IdentityToken : TokenKinds.None),
        ];
    }

    /// <summary>A service signing in as itself (client credentials): its access token names only the client.</summary>
    public static IReadOnlyList<TokenClaim> ForClient(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return [new("sub", clientId, TokenKinds.AccessToken)];
    }

    /// <summary>The claims of the JSON API's own access token (its sign-ins see the whole account: address and roles).</summary>
    public IReadOnlyDictionary<string, object> ForAccessToken() =>
        For([ClientVocabulary.EmailScope, ClientVocabulary.RolesScope]).Where(c => c.Tokens.HasFlag(TokenKinds.AccessToken)).ToDictionary(c => c.Type, c => c.Value, StringComparer.Ordinal);
}
