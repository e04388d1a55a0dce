using Auth.Application.Accounts.BindFactor;
using Auth.Application.Accounts.DeclineSignup;
using Auth.Application.Accounts.ResendVerification;
using Auth.Application.Accounts.UnlockSecondFactor;
using Auth.Application.Accounts.VerifyEmail;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Auth.ResetPassword;
using Auth.Application.Auth.Signup;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.Pages;

/// <summary>
/// Sign-up, the email-verification link, forgot and reset password, binding a new factor: the pages the emails link to
/// (<c>Accounts:VerificationLinkBase</c> and <c>PasswordReset:LinkBase</c> default to them). A link only shows a
/// form; the change happens on its POST, so mail scanners that fetch links change nothing.
/// </summary>
public sealed class RegistrationController(IMediator mediator) : PageController(mediator)
{
    [HttpGet("account/signup")]
    public IActionResult SignUp(string? returnUrl) => View(new SignUpForm { ReturnUrl = Local(returnUrl) });

    [HttpPost("account/signup")]
    [EnableRateLimiting(RateLimitPolicies.Signup)]
    public async Task<IActionResult> SignUp([FromForm] SignUpForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new SignupCommand(form.Email ?? "", form.Password ?? "", form.FullName ?? ""));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Password = null, Error = result.Error!.Description }), result.Error!);
        }

        RememberTheWayBack(form.ReturnUrl);
        return result.Value.MustVerifyBeforeSignIn
            ? Done("Check your email", "We sent a link to confirm your address: follow it, then sign in. No email? Ask for a new link on the sign-in page.",
                SignInPath(form.ReturnUrl), "Sign in")
            : Done("Check your email", "We sent a link to confirm your address. You can sign in now.", SignInPath(form.ReturnUrl), "Sign in");
    }

    [HttpGet("account/verify-email/resend")]
    public IActionResult ResendVerification() => View(new ForgotForm());

    /// <summary>A new verification link; the same answer whether or not an unverified account uses the address.</summary>
    [HttpPost("account/verify-email/resend")]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    public async Task<IActionResult> ResendVerification([FromForm] ForgotForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new ResendVerificationCommand(form.Email ?? ""));
        return result.IsSuccess
            ? Done("Check your email", "If an account with this address is not confirmed yet, a new link is on its way.", "/account/signin", "Back to sign in")
            : Refused(View(form with { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("verify-email")]
    public IActionResult VerifyEmail(string? token) => View(new TokenForm { Token = token });

    [HttpPost("verify-email")]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    public async Task<IActionResult> VerifyEmail([FromForm] TokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new VerifyEmailCommand(form.Token ?? ""));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Error = result.Error!.Description }), result.Error!);
        }

        return TakeTheWayBack() is { } back
            ? Done("Email confirmed", "Thank you: your address is confirmed. Sign in to go back to the app.", SignInPath(back), "Continue")
            : Done("Email confirmed", "Thank you: your address is confirmed.", "/account", "Go to your account");
    }

    /// <summary>"This wasn't me": removes the never-verified account that registered this address.</summary>
    [HttpPost("verify-email/decline")]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    public async Task<IActionResult> DeclineSignup([FromForm] TokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new DeclineSignupCommand(form.Token ?? ""));
        return result.IsSuccess
            ? Done("Account removed", "The account that used your address without your say is removed. Nothing more is needed.", "/account/signin", "Sign in")
            : Refused(View("VerifyEmail", form with { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("account/bind-factor")]
    public IActionResult BindFactor(string? token) => View(new TokenForm { Token = token });

    /// <summary>Binds the factor the emailed link names; from the next sign-in it counts for its full level.</summary>
    [HttpPost("account/bind-factor")]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    public async Task<IActionResult> BindFactor([FromForm] TokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new BindFactorCommand(form.Token ?? ""));
        return result.IsSuccess
            ? Done("Confirmed", "Thank you: from your next sign-in, apps that ask for a second factor or a passkey accept it.", "/account", "Go to your account")
            : Refused(View(form with { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("account/unlock")]
    public IActionResult UnlockSecondFactor(string? token) => View(new TokenForm { Token = token });

    /// <summary>Lifts the lock on second-factor sign-in that the lock email announced.</summary>
    [HttpPost("account/unlock")]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    public async Task<IActionResult> UnlockSecondFactor([FromForm] TokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new UnlockSecondFactorCommand(form.Token ?? ""));
        return result.IsSuccess
            ? Done("Unlocked", "Two-step sign-in works again. If you have not changed your password yet, do it now.", "/account/signin", "Sign in")
            : Refused(View(form with { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("account/forgot")]
    public IActionResult Forgot(string? returnUrl) => View(new ForgotForm { ReturnUrl = Local(returnUrl) });

    /// <summary>The same answer whether or not an account uses the address.</summary>
    [HttpPost("account/forgot")]
    [EnableRateLimiting(RateLimitPolicies.PasswordReset)]
    public async Task<IActionResult> Forgot([FromForm] ForgotForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new ForgotPasswordCommand(form.Email ?? ""));
        if (result.IsSuccess)
        {
            RememberTheWayBack(form.ReturnUrl);
        }

        return result.IsSuccess
            ? Done("Check your email", "If an account uses this address, a link to reset the password is on its way.", SignInPath(form.ReturnUrl), "Back to sign in")
            : Refused(View(form with { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? token) => View(new ResetForm { Token = token });

    /// <summary>Sets the new password; every session ends (this one included), so the user signs in afresh.</summary>
    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimitPolicies.PasswordReset)]
    public async Task<IActionResult> ResetPassword([FromForm] ResetForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new ResetPasswordCommand(form.Token ?? "", form.NewPassword ?? ""));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { NewPassword = null, Error = result.Error!.Description }), result.Error!);
        }

        return TakeTheWayBack() is { } back
            ? Done("Password changed", "Your password is changed and every session is signed out. Sign in to go back to the app.", SignInPath(back), "Continue")
            : Done("Password changed", "Your password is changed and every session is signed out.", "/account/signin", "Sign in");
    }

    /// <summary>
    /// The app's way back across an emailed link: sign-up and forgot-password asked from an app's sign-in page keep its
    /// return address in this browser, and the confirmation or reset page, opened from the email in the same browser,
    /// leads back through sign-in to the app. A local address only, checked again when read; one use.
    /// </summary>
    private const string WayBackCookie = "auth_return";

    private void RememberTheWayBack(string? returnUrl)
    {
        if (Local(returnUrl) is { } back)
        {
            Response.Cookies.Append(WayBackCookie, back, new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                MaxAge = TimeSpan.FromDays(1),
            });
        }
    }

    private string? TakeTheWayBack()
    {
        var back = Local(Request.Cookies[WayBackCookie]);
        Response.Cookies.Delete(WayBackCookie, new CookieOptions { Path = "/" });
        return back;
    }

    private ViewResult Done(string title, string message, string next, string nextLabel) =>
        View("Done", new DonePage(title, message, next, nextLabel));

    /// <summary>The sign-in page, keeping the app's way back (a local address only).</summary>
    private string SignInPath(string? returnUrl) =>
        Local(returnUrl) is { } back ? $"/account/signin?returnUrl={Uri.EscapeDataString(back)}" : "/account/signin";

    private string? Local(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}

public sealed record DonePage(string Title, string Message, string Next, string NextLabel);

public sealed record SignUpForm
{
    public string? Email { get; init; }

    /// <summary>The app's way back, kept for the sign-in page after the form.</summary>
    public string? ReturnUrl { get; init; }

    public string? FullName { get; init; }

    public string? Password { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(SignUpForm);
}

public sealed record TokenForm
{
    public string? Token { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(TokenForm);
}

public sealed record ForgotForm
{
    public string? Email { get; init; }

    /// <summary>The app's way back, kept for the sign-in page after the form.</summary>
    public string? ReturnUrl { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(ForgotForm);
}

public sealed record ResetForm
{
    public string? Token { get; init; }

    public string? NewPassword { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(ResetForm);
}
