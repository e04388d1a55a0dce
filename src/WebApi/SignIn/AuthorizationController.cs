using System.Collections.Immutable;
using System.Security.Claims;
using Auth.Application.Auth.Logout;
using Auth.Application.Consents.GrantConsent;
using Auth.Application.Sessions;
using Auth.Application.Sessions.ExtendSession;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.AuthorizeClient;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.GetTokenClaims;
using Auth.Domain.Common;
using Auth.WebApi.OpenIdConnect;
using Auth.WebApi.Pages;
using MediatR;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.WebApi.SignIn;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through after validating the protocol (client, redirect URI, PKCE,
/// codes, tokens): here the browser session decides who signs in, how fresh and how strong that sign-in must be
/// (<c>prompt</c>, <c>max_age</c>, <c>acr_values</c>), whether the user consented, and what the tokens say.
/// </summary>
public sealed class AuthorizationController(IMediator mediator, IAntiforgery antiforgery) : PageController(mediator)
{
    /// <summary>OpenID Connect's error for an <c>acr_values</c> request the account cannot meet (no second factor enrolled).</summary>
    public const string UnmetAuthenticationRequirements = "unmet_authentication_requirements";

    /// <summary>The way back from the sign-in page carries this request's sign-in stamp (see <c>ISignInRequestStamps</c>).</summary>
    public const string SignInStampParameter = "signin_stamp";

    [HttpGet(OpenIdConnectSetup.AuthorizationPath)]
    [HttpPost(OpenIdConnectSetup.AuthorizationPath)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Authorize()
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null } failure)
        {
            // Back to the app when its client and redirect URI are valid (RFC 6749 §4.1.2.1); a page otherwise.
            return ProviderHandlers.CanReturnToClient(HttpContext)
                ? Refuse(failure.Error!, failure.ErrorDescription ?? failure.Error!)
                : ProtocolError(failure);
        }

        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no request.");
        var session = await BrowserSessions.AuthenticateAsync(HttpContext);
        var scopes = request.GetScopes();
        var decided = await SendAsync(new AuthorizeClientQuery(
            session, request.ClientId!, [.. scopes], [.. request.GetAcrValues()], request.MaxAge is { } maxAge ? TimeSpan.FromSeconds(maxAge) : null,
            ForceSignIn: request.HasPromptValue(PromptValues.Login), ForceConsent: request.HasPromptValue(PromptValues.Consent),
            RequestKey: RequestKeyOf(request), SignInStamp: (string?)request.GetParameter(SignInStampParameter)));
        if (!decided.IsSuccess)
        {
            return Refuse(Errors.TemporarilyUnavailable, decided.Error!.Description);
        }

        var decision = decided.Value;
        return decision.Outcome switch
        {
            ClientAuthorizationOutcome.SignIn when request.HasPromptValue(PromptValues.None) => Refuse(Errors.LoginRequired, "The user must sign in."),
            ClientAuthorizationOutcome.SignIn => Redirect(SignInUrl(request, decision.RequiredLevel, decision.SignInStamp!)),
            ClientAuthorizationOutcome.LevelUnreachable =>
                Refuse(UnmetAuthenticationRequirements, "The account cannot meet the requested authentication level."),
            ClientAuthorizationOutcome.AskConsent => await ConsentAsync(decision.ClientName!, session!, scopes, request),

            // Tokens for a third-party app hang off the user's consent, so withdrawing it stops them refreshing.
            _ => await GrantAsync(session!, request.ClientId!, scopes, decision.ConsentId),
        };
    }

    [HttpPost(OpenIdConnectSetup.TokenPath)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Exchange()
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no request.");
        if (request.IsClientCredentialsGrantType())
        {
            // A service acting for itself: no user, no session; its subject is its client_id.
            return await TokensAsync(null, request.ClientId!, request.GetScopes(), authorizationId: null);
        }

        // A code or a refresh token (already validated by OpenIddict): the session behind it must still be active, and
        // the new tokens say what is true now (roles, email), not what was true at sign-in.
        var authenticated = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var session = await SessionOfAsync(authenticated.Principal, caller =>
            new ExtendSessionCommand(caller, HttpContext.Connection.RemoteIpAddress?.ToString()));
        if (session is null)
        {
            return Refuse(Errors.InvalidGrant, "The sign-in session has ended.");
        }

        // The new tokens stay in the chain (and under the consent) of the ones they replace.
        return await TokensAsync(session, request.ClientId!, authenticated.Principal!.GetScopes(), authenticated.Principal!.GetAuthorizationId());
    }

    [HttpGet(OpenIdConnectSetup.UserInfoPath)]
    [HttpPost(OpenIdConnectSetup.UserInfoPath)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> UserInfo()
    {
        var authenticated = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = await SessionOfAsync(authenticated.Principal, caller => new GetSignedInSessionQuery(caller));
        if (user is null)
        {
            return Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The token's session has ended.",
                }),
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var scopes = authenticated.Principal!.GetScopes();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.UserId.ToString() };
        if (scopes.Contains(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailVerified;
        }

        if (scopes.Contains(Scopes.Profile))
        {
            claims[Claims.Name] = user.FullName;
        }

        if (scopes.Contains(Scopes.Roles))
        {
            claims["roles"] = user.Roles;
        }

        return Ok(claims);
    }

    /// <summary>
    /// RP-initiated logout. With an <c>id_token_hint</c> of this browser's session it signs out at once; otherwise it asks
    /// (a link alone must not sign anyone out). OpenIddict only redirects to a registered post-logout URI.
    /// </summary>
    [HttpGet(OpenIdConnectSetup.EndSessionPath)]
    [HttpPost(OpenIdConnectSetup.EndSessionPath)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> EndSession()
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null } failure)
        {
            return ProtocolError(failure);
        }

        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no request.");
        var session = await BrowserSessions.AuthenticateAsync(HttpContext);
        if (session is not null)
        {
            var hint = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var hinted = hint.Principal?.GetClaim("sid") == session.SessionId.ToString();
            if (!hinted && !await IsAnsweredAsync("signout"))
            {
                return View("SignOut", new ProtocolForm(HiddenFields(request), null));
            }

            await SendAsync(new LogoutCommand(new CurrentSession(session.UserId, session.SessionId)));
            await BrowserSessions.SignOutAsync(HttpContext);
        }

        return SignOut(
            new AuthenticationProperties { RedirectUri = $"{BrowserSessions.SignInPath}?signedOut=true" },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The sign-in page, returning here with the same request and its sign-in stamp: a sign-in made after the stamp
    /// meets <c>prompt=login</c> and <c>max_age</c> once; following the way back without signing in meets nothing.
    /// </summary>
    private string SignInUrl(OpenIddictRequest request, string? requiredLevel, string stamp)
    {
        var parameters = request.GetParameters()
            .Where(p => p.Key != SignInStampParameter)
            .SelectMany(p => Values(p.Value).Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>(SignInStampParameter, stamp));
        var returnUrl = Request.PathBase + Request.Path + QueryString.Create(parameters);
        var query = new Dictionary<string, string?> { ["returnUrl"] = returnUrl, ["force"] = "true" };
        if (requiredLevel is not null)
        {
            query["acr"] = requiredLevel;
        }

        return BrowserSessions.SignInPath + QueryString.Create(query);
    }

    /// <summary>A third-party app: ask, and remember a yes as a permanent authorization (revocable on the account page).</summary>
    private async Task<IActionResult> ConsentAsync(string clientName, SignedInSession session, ImmutableArray<string> scopes, OpenIddictRequest request)
    {
        if (request.HasPromptValue(PromptValues.None))
        {
            return Refuse(Errors.ConsentRequired, "The user has not consented to this application.");
        }

        var answer = Request.HasFormContentType ? Request.Form["consent"].ToString() : "";
        if (await IsAnsweredAsync("consent"))
        {
            if (answer != "allow")
            {
                return Refuse(Errors.AccessDenied, "The user declined.");
            }

            var granted = await SendAsync(new GrantConsentCommand(session.UserId, request.ClientId!, [.. scopes]));
            if (!granted.IsSuccess)
            {
                return Refuse(Errors.AccessDenied, "The application is no longer registered.");
            }

            return await GrantAsync(session, request.ClientId!, scopes, granted.Value);
        }

        return View("Consent", new ConsentForm(clientName, scopes.Where(s => s != Scopes.OpenId).ToList(), HiddenFields(request), session.Email));
    }

    /// <summary>A posted answer (<paramref name="field"/>) on one of our own forms: its antiforgery token must be valid (no cross-site post).</summary>
    private async Task<bool> IsAnsweredAsync(string field) =>
        HttpMethods.IsPost(Request.Method) && Request.HasFormContentType && Request.Form[field].Count > 0
        && await antiforgery.IsRequestValidAsync(HttpContext);

    private Task<IActionResult> GrantAsync(SignedInSession session, string clientId, ImmutableArray<string> scopes, string? consentId) =>
        TokensAsync(session, clientId, scopes, consentId);

    /// <summary>
    /// Signs the answer in with OpenIddict: the claims, and which token each goes into, are the application's (the same
    /// as the JSON API's tokens); only the translation to OpenIddict's principal is here.
    /// </summary>
    private async Task<IActionResult> TokensAsync(SignedInSession? session, string clientId, ImmutableArray<string> scopes, string? authorizationId)
    {
        var claims = await SendAsync(new GetTokenClaimsQuery(session, clientId, [.. scopes]));
        if (!claims.IsSuccess)
        {
            return Refuse(Errors.TemporarilyUnavailable, claims.Error!.Description);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, "roles");
        var destinations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var claim in claims.Value.Claims)
        {
            // Arrays stay arrays in the tokens even with one value (see OpenIdConnectSetup), as the JSON API writes them.
            _ = claim.Value switch
            {
                string[] values => identity.SetClaims(claim.Type, [.. values]),
                bool flag => identity.SetClaim(claim.Type, flag),
                long number => identity.SetClaim(claim.Type, number),
                _ => identity.SetClaim(claim.Type, claim.Value.ToString()),
            };
            destinations[claim.Type] =
            [
                .. claim.Tokens.HasFlag(TokenKinds.AccessToken) ? [Destinations.AccessToken] : Array.Empty<string>(),
                .. claim.Tokens.HasFlag(TokenKinds.IdentityToken) ? [Destinations.IdentityToken] : Array.Empty<string>(),
            ];
        }

        identity.SetScopes(scopes);
        identity.SetResources(claims.Value.Audience);
        identity.SetDestinations(claim => destinations.GetValueOrDefault(claim.Type, []));
        var principal = new ClaimsPrincipal(identity);
        principal.SetAuthorizationId(authorizationId);
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The session a token speaks for (its <c>sub</c> and <c>sid</c>), if it is still active.</summary>
    private async Task<SignedInSession?> SessionOfAsync(ClaimsPrincipal? principal, Func<CurrentSession, IRequest<Result<SignedInSession>>> read)
    {
        if (principal is null
            || !Guid.TryParse(principal.GetClaim(Claims.Subject), out var userId)
            || !Guid.TryParse(principal.GetClaim("sid"), out var sessionId))
        {
            return null;
        }

        var session = await SendAsync(read(new CurrentSession(userId, sessionId)));
        return session.IsSuccess ? session.Value : null;
    }

    private ForbidResult Refuse(string error, string description) => Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>A request that cannot go back to the app (unknown client, wrong redirect URI): a readable page, no redirect.</summary>
    private ViewResult ProtocolError(OpenIddictResponse failure)
    {
        var view = View("ProtocolError", new ProtocolErrorModel(failure.Error!, failure.ErrorDescription));
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    /// <summary>What makes an authorization request this one: a stamp issued for another does not count for it.</summary>
    private static string RequestKeyOf(OpenIddictRequest request) =>
        string.Join('\n', request.ClientId, request.RedirectUri, request.State, request.Nonce);

    /// <summary>The request's own parameters, to post back with the user's answer (the form adds only its antiforgery token).</summary>
    private static List<KeyValuePair<string, string>> HiddenFields(OpenIddictRequest request) =>
        request.GetParameters()
            .Where(p => p.Key is not ("consent" or "signout" or "__RequestVerificationToken"))
            .SelectMany(p => Values(p.Value).Select(v => new KeyValuePair<string, string>(p.Key, v)))
            .ToList();

    private static IEnumerable<string> Values(OpenIddictParameter parameter) =>
        ((StringValues?)parameter ?? StringValues.Empty).Where(v => v is not null).Select(v => v!);
}

public sealed record ConsentForm(string ApplicationName, IReadOnlyList<string> Scopes, IReadOnlyList<KeyValuePair<string, string>> Fields, string Email);

public sealed record ProtocolForm(IReadOnlyList<KeyValuePair<string, string>> Fields, string? Message);

public sealed record ProtocolErrorModel(string Error, string? Description);
