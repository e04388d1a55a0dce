using Auth.Application.Auth.Common;
using Auth.Application.Auth.Logout;
using Auth.Application.Passkeys.ListPasskeys;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.BeginPasskeySecondFactor;
using Auth.Application.SignIn.BeginPasskeySignIn;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.SignIn.Login;
using Auth.Application.SignIn.RedeemBackupToken;
using Auth.Application.SignIn.ResendTfaCode;
using Auth.Application.SignIn.SignInWithPasskey;
using Auth.Application.SignIn.VerifyPasskeySecondFactor;
using Auth.Application.SignIn.VerifyTfaCode;
using Auth.Domain.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.Http;
using Auth.WebApi.Pages;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.SignIn;

/// <summary>
/// Sign-in (password, or a passkey alone), the second-factor step (a code, a backup token or a passkey) and sign-out,
/// on the same commands as the JSON API (same throttling, audit and sessions). Between the two steps the browser holds
/// the pre-TFA token in a short-lived HttpOnly cookie.
/// </summary>
[Route("account")]
public sealed class SignInController(IMediator mediator, SigningKeyRing keys, IOptions<JwtOptions> jwt, TimeProvider time)
    : PageController(mediator)
{
    public const string SecondFactorCookie = "auth_tfa";
    public const string DeviceCookie = "auth_browser_device";

    [HttpGet("signin")]
    public async Task<IActionResult> SignIn(string? returnUrl, string? acr, bool force = false, bool signedOut = false)
    {
        var session = await BrowserSessions.AuthenticateAsync(HttpContext);
        if (!force && acr is null && session is not null)
        {
            return LocalRedirect(LocalOrDefault(returnUrl));
        }

        return View(new SignInForm { ReturnUrl = returnUrl, Acr = acr, Message = signedOut ? "You are signed out." : null });
    }

    [HttpPost("signin")]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    public async Task<IActionResult> SignIn([FromForm] SignInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var stepUp = form.Acr is { } acr && AuthenticationLevels.Satisfies(acr, AuthenticationLevels.MultiFactor);
        var command = new LoginCommand(form.Email ?? "", form.Password ?? "", HttpContext.ToCallerContext(), Request.Cookies[DeviceCookie], stepUp);
        var result = await SendAsync(command);
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Password = null, Error = result.Error!.Description }), result.Error!);
        }

        if (result.Value.Tfa is { } tfa)
        {
            Response.Cookies.Append(SecondFactorCookie, $"{tfa.DeviceType}|{tfa.PreTfaToken}", new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/account/signin",
                MaxAge = TimeSpan.FromSeconds(tfa.ExpiresIn),
            });
            return RedirectToAction(nameof(SecondFactor), new { returnUrl = form.ReturnUrl });
        }

        return await CompleteAsync(result.Value.Tokens!, form.ReturnUrl);
    }

    [HttpGet("signin/tfa")]
    public async Task<IActionResult> SecondFactor(string? returnUrl)
    {
        var pending = await PendingSecondFactorAsync();
        return pending is null
            ? RedirectToAction(nameof(SignIn), new { returnUrl })
            : View(await WithPasskeysAsync(new SecondFactorForm { ReturnUrl = returnUrl, DeviceType = pending.Value.DeviceType }, pending.Value.UserId));
    }

    [HttpPost("signin/tfa")]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    public async Task<IActionResult> SecondFactor([FromForm] SecondFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await PendingSecondFactorAsync() is not { } pending)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl = form.ReturnUrl });
        }

        form = await WithPasskeysAsync(form with { DeviceType = pending.DeviceType }, pending.UserId);
        var result = string.IsNullOrWhiteSpace(form.BackupToken)
            ? await SendAsync(new VerifyTfaCodeCommand(
                pending.UserId, pending.ChallengeId, form.Code ?? "", HttpContext.ToCallerContext(), form.RememberDevice))
            : await SendAsync(new RedeemBackupTokenCommand(
                pending.UserId, pending.ChallengeId, form.BackupToken, HttpContext.ToCallerContext(), form.RememberDevice));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Code = null, BackupToken = null, Error = result.Error!.Description }), result.Error!);
        }

        Response.Cookies.Delete(SecondFactorCookie, new CookieOptions { Path = "/account/signin" });
        return await CompleteAsync(result.Value.Tokens, form.ReturnUrl);
    }

    [HttpPost("signin/tfa/resend")]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    public async Task<IActionResult> Resend([FromForm] SecondFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await PendingSecondFactorAsync() is not { } pending)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl = form.ReturnUrl });
        }

        var result = await SendAsync(new ResendTfaCodeCommand(pending.UserId, pending.ChallengeId));
        var shown = await WithPasskeysAsync(new SecondFactorForm { ReturnUrl = form.ReturnUrl, DeviceType = pending.DeviceType }, pending.UserId);
        return result.IsSuccess
            ? View(nameof(SecondFactor), shown with { Message = "A new code is on its way; the previous one no longer works." })
            : Refused(View(nameof(SecondFactor), shown with { Error = result.Error!.Description }), result.Error!);
    }

    /// <summary>A passwordless sign-in's ceremony (passkey.js asks for it): any discoverable passkey of this site.</summary>
    [HttpPost("signin/passkey/options")]
    [EnableRateLimiting(RateLimitPolicies.PasskeyCeremony)]
    public async Task<IActionResult> PasskeyOptions() => Ceremony(await SendAsync(new BeginPasskeySignInCommand()));

    [HttpPost("signin/passkey")]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    public async Task<IActionResult> SignInWithPasskey([FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new SignInWithPasskeyCommand(
            form.CeremonyId, form.Credential ?? "", HttpContext.ToCallerContext(), Request.Cookies[DeviceCookie]));
        return result.IsSuccess
            ? await CompleteAsync(result.Value, form.ReturnUrl)
            : Refused(View(nameof(SignIn), new SignInForm { ReturnUrl = form.ReturnUrl, Acr = form.Acr, Error = result.Error!.Description }), result.Error!);
    }

    /// <summary>The second step's passkey ceremony: only this user's passkeys, bound to the sign-in waiting for it.</summary>
    [HttpPost("signin/tfa/passkey/options")]
    [EnableRateLimiting(RateLimitPolicies.PasskeyCeremony)]
    public async Task<IActionResult> SecondFactorPasskeyOptions() =>
        Ceremony(await PendingSecondFactorAsync() is { } pending
            ? await SendAsync(new BeginPasskeySecondFactorCommand(pending.UserId, pending.ChallengeId))
            : TfaErrors.ChallengeClosed);

    [HttpPost("signin/tfa/passkey")]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    public async Task<IActionResult> SecondFactorPasskey([FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await PendingSecondFactorAsync() is not { } pending)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl = form.ReturnUrl });
        }

        var result = await SendAsync(new VerifyPasskeySecondFactorCommand(
            pending.UserId, pending.ChallengeId, form.CeremonyId, form.Credential ?? "", HttpContext.ToCallerContext(), form.RememberDevice));
        if (!result.IsSuccess)
        {
            var shown = await WithPasskeysAsync(new SecondFactorForm { ReturnUrl = form.ReturnUrl, DeviceType = pending.DeviceType }, pending.UserId);
            return Refused(View(nameof(SecondFactor), shown with { Error = result.Error!.Description }), result.Error!);
        }

        Response.Cookies.Delete(SecondFactorCookie, new CookieOptions { Path = "/account/signin" });
        return await CompleteAsync(result.Value.Tokens, form.ReturnUrl);
    }

    /// <summary>Ends this browser's session everywhere it counts: the session is revoked, so its tokens stop working too.</summary>
    [HttpPost("signout")]
    public async Task<IActionResult> SignOutOfBrowser()
    {
        if (await BrowserSessions.AuthenticateAsync(HttpContext) is { } session)
        {
            await SendAsync(new LogoutCommand(new CurrentSession(session.UserId, session.SessionId)));
        }

        await BrowserSessions.SignOutAsync(HttpContext);
        return RedirectToAction(nameof(SignIn), new { signedOut = true });
    }

    /// <summary>The session is open: a session this browser held before is ended (it is replaced), then the cookie is set.</summary>
    private async Task<IActionResult> CompleteAsync(TokenPair tokens, string? returnUrl)
    {
        if (await BrowserSessions.AuthenticateAsync(HttpContext) is { } previous && previous.SessionId != tokens.SessionId)
        {
            await SendAsync(new LogoutCommand(new CurrentSession(previous.UserId, previous.SessionId)));
        }

        var session = await SendAsync(new GetSignedInSessionQuery(new CurrentSession(tokens.UserId, tokens.SessionId)));
        if (!session.IsSuccess)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl });
        }

        await BrowserSessions.SignInAsync(HttpContext, session.Value.UserId, session.Value.SessionId, session.Value.ExpiresAt);
        Response.WriteDeviceToken(tokens.DeviceToken, DeviceCookie, "/account", secure: Request.IsHttps);
        return LocalRedirect(LocalOrDefault(returnUrl));
    }

    private async Task<SecondFactorForm> WithPasskeysAsync(SecondFactorForm form, Guid userId)
    {
        var passkeys = await SendAsync(new ListPasskeysQuery(userId));
        return form with { HasPasskey = passkeys.IsSuccess && passkeys.Value.Count > 0 };
    }

    /// <summary>The sign-in waiting for its second factor: the pre-TFA token in the cookie, validated as the API validates it.</summary>
    private async Task<(Guid UserId, Guid ChallengeId, DeviceType DeviceType)?> PendingSecondFactorAsync()
    {
        var cookie = Request.Cookies[SecondFactorCookie];
        var separator = cookie?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (cookie is null || separator < 0 || !Enum.TryParse<DeviceType>(cookie[..separator], out var deviceType))
        {
            return null;
        }

        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(
            cookie[(separator + 1)..], AccessTokenValidation.CreateForPreTfa(jwt.Value, keys, time));
        if (!validated.IsValid)
        {
            return null;
        }

        var (userId, challengeId) = new System.Security.Claims.ClaimsPrincipal(validated.ClaimsIdentity).ToPreTfaCaller();
        return (userId, challengeId, deviceType);
    }
}

public sealed record SignInForm
{
    public string? Email { get; init; }

    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }

    /// <summary>The authentication level the app asked for (step-up); a second factor is then required even on a remembered device.</summary>
    public string? Acr { get; init; }

    public string? Message { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(SignInForm);
}

public sealed record SecondFactorForm
{
    public string? Code { get; init; }

    public string? BackupToken { get; init; }

    public bool RememberDevice { get; init; }

    public string? ReturnUrl { get; init; }

    public DeviceType DeviceType { get; init; }

    /// <summary>The user has a passkey, which the page offers as the second factor.</summary>
    public bool HasPasskey { get; init; }

    public string? Message { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(SecondFactorForm);
}

/// <summary>A passkey ceremony's answer as passkey.js posts it (and, for the ceremony's start, the form's other fields).</summary>
public sealed record PasskeyForm
{
    public Guid CeremonyId { get; init; }

    /// <summary>The browser's <c>PublicKeyCredential</c> as JSON.</summary>
    public string? Credential { get; init; }

    public string? ReturnUrl { get; init; }

    public string? Acr { get; init; }

    public bool RememberDevice { get; init; }

    public string? Name { get; init; }

    /// <summary>Needed to add or remove a passkey when the sign-in is older than the re-authentication window.</summary>
    public string? Password { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(PasskeyForm);
}
