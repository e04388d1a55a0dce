using Auth.Application.Auth.Logout;
using Auth.Application.Consents.GetClientName;
using Auth.Application.Sessions;
using Auth.Application.SignIn.BeginPasskeySecondFactor;
using Auth.Application.SignIn.BeginPasskeySignIn;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.GetPendingSecondFactor;
using Auth.Application.SignIn.Login;
using Auth.Application.SignIn.RedeemBackupToken;
using Auth.Application.SignIn.ResendTfaCode;
using Auth.Application.SignIn.SignInWithPasskey;
using Auth.Application.SignIn.VerifyPasskeySecondFactor;
using Auth.Application.SignIn.VerifyTfaCode;
using Auth.Domain.Tfa;
using Auth.WebApi.Http;
using Auth.WebApi.Pages;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.SignIn;

/// <summary>
/// Sign-in (password, or a passkey alone), the second-factor step (a code, a backup token or a passkey) and sign-out,
/// on the same commands as the JSON API (same throttling, audit and sessions). Between the two steps the browser holds
/// the pre-TFA token in a short-lived HttpOnly cookie.
/// </summary>
[Route("account")]
public sealed class SignInController(IMediator mediator) : PageController(mediator)
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

        return View(new SignInForm
        {
            ReturnUrl = returnUrl, Acr = acr, Message = signedOut ? "You are signed out." : null, AppName = await AppNameAsync(returnUrl),
        });
    }

    /// <summary>The app that sent the browser here, when the way back is the provider's authorization endpoint.</summary>
    private async Task<string?> AppNameAsync(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !Url.IsLocalUrl(returnUrl) || !returnUrl.StartsWith(OpenIdConnect.OpenIdConnectSetup.AuthorizationPath + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var clientId = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[returnUrl.IndexOf('?', StringComparison.Ordinal)..])
            .GetValueOrDefault("client_id").ToString();
        return clientId.Length == 0 ? null : (await SendAsync(new GetClientNameQuery(clientId))).Value;
    }

    [HttpPost("signin")]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    public async Task<IActionResult> SignIn([FromForm] SignInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = new LoginCommand(
            form.Email ?? "", form.Password ?? "", HttpContext.ToCallerContext(), Request.Cookies[DeviceCookie], form.Acr, await BrowserAsync());
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

        return await CompleteAsync(result.Value.SignedIn!, form.ReturnUrl);
    }

    [HttpGet("signin/tfa")]
    public async Task<IActionResult> SecondFactor(string? returnUrl)
    {
        var pending = await PendingSecondFactorAsync();
        return pending is null
            ? RedirectToAction(nameof(SignIn), new { returnUrl })
            : View(Form(pending, new SecondFactorForm { ReturnUrl = returnUrl }));
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

        form = Form(pending, form);
        var browser = await BrowserAsync();
        var result = string.IsNullOrWhiteSpace(form.BackupToken)
            ? await SendAsync(new VerifyTfaCodeCommand(
                pending.UserId, pending.ChallengeId, form.Code ?? "", HttpContext.ToCallerContext(), form.RememberDevice, browser))
            : await SendAsync(new RedeemBackupTokenCommand(
                pending.UserId, pending.ChallengeId, form.BackupToken, HttpContext.ToCallerContext(), form.RememberDevice, browser));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Code = null, BackupToken = null, Error = result.Error!.Description }), result.Error!);
        }

        Response.Cookies.Delete(SecondFactorCookie, new CookieOptions { Path = "/account/signin" });
        return await CompleteAsync(result.Value.SignedIn, form.ReturnUrl);
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
        var shown = Form(pending, new SecondFactorForm { ReturnUrl = form.ReturnUrl });
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
            form.CeremonyId, form.Credential ?? "", HttpContext.ToCallerContext(), Request.Cookies[DeviceCookie], await BrowserAsync()));
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
            pending.UserId, pending.ChallengeId, form.CeremonyId, form.Credential ?? "", HttpContext.ToCallerContext(), form.RememberDevice,
            await BrowserAsync()));
        if (!result.IsSuccess)
        {
            var shown = Form(pending, new SecondFactorForm { ReturnUrl = form.ReturnUrl });
            return Refused(View(nameof(SecondFactor), shown with { Error = result.Error!.Description }), result.Error!);
        }

        Response.Cookies.Delete(SecondFactorCookie, new CookieOptions { Path = "/account/signin" });
        return await CompleteAsync(result.Value.SignedIn, form.ReturnUrl);
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

    /// <summary>The session is open (and the one this browser held before has ended): the cookie is set.</summary>
    private async Task<IActionResult> CompleteAsync(CompletedSignIn signedIn, string? returnUrl)
    {
        await BrowserSessions.SignInAsync(HttpContext, signedIn.UserId, signedIn.SessionId, signedIn.ExpiresAt);
        Response.WriteDeviceToken(signedIn.DeviceToken, DeviceCookie, "/account", secure: Request.IsHttps);
        return LocalRedirect(LocalOrDefault(returnUrl));
    }

    /// <summary>This is a browser signing in: no API tokens, and the session its cookie holds now is replaced.</summary>
    private async Task<BrowserSignIn> BrowserAsync() =>
        new(await BrowserSessions.AuthenticateAsync(HttpContext) is { } current ? new CurrentSession(current.UserId, current.SessionId) : null);

    private static SecondFactorForm Form(PendingStep pending, SecondFactorForm form) =>
        form with { DeviceType = pending.DeviceType, HasPasskey = pending.HasPasskey, RememberDeviceFor = pending.RememberDeviceFor };

    /// <summary>The sign-in waiting for its second factor: the cookie's pre-TFA token, read back by the application.</summary>
    private async Task<PendingStep?> PendingSecondFactorAsync()
    {
        var cookie = Request.Cookies[SecondFactorCookie];
        var separator = cookie?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (cookie is null || separator < 0 || !Enum.TryParse<DeviceType>(cookie[..separator], out var deviceType))
        {
            return null;
        }

        var pending = await SendAsync(new GetPendingSecondFactorQuery(cookie[(separator + 1)..]));
        return pending.IsSuccess
            ? new PendingStep(pending.Value.UserId, pending.Value.ChallengeId, deviceType, pending.Value.HasPasskey, pending.Value.RememberDeviceFor)
            : null;
    }

    /// <summary>The pending sign-in, and the kind of authenticator the first step named (shown on the page).</summary>
    private sealed record PendingStep(Guid UserId, Guid ChallengeId, DeviceType DeviceType, bool HasPasskey, TimeSpan RememberDeviceFor);
}

public sealed record SignInForm
{
    public string? Email { get; init; }

    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }

    /// <summary>The authentication level the app asked for (step-up); a second factor is then required even on a remembered device.</summary>
    public string? Acr { get; init; }

    /// <summary>The display name of the app that asked for the sign-in, if one did.</summary>
    public string? AppName { get; init; }

    public string? Message { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(SignInForm);
}

public sealed record SecondFactorForm
{
    public string? Code { get; init; }

    public string? BackupToken { get; init; }

    public bool RememberDevice { get; init; }

    /// <summary>How long a remembered device skips this step; zero when remembering is turned off.</summary>
    public TimeSpan RememberDeviceFor { get; init; }

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
