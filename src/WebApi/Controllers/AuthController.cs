using Auth.Application.Accounts.BindFactor;
using Auth.Application.Accounts.DeclineSignup;
using Auth.Application.Accounts.ResendVerification;
using Auth.Application.Accounts.UnlockSecondFactor;
using Auth.Application.Accounts.VerifyEmail;
using Auth.Application.Audit.GetSecurityActivity;
using Auth.Application.Auth.ChangePassword;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Auth.GetCurrentUser;
using Auth.Application.Auth.Logout;
using Auth.Application.Auth.Refresh;
using Auth.Application.Auth.ResetPassword;
using Auth.Application.Auth.Signup;
using Auth.Application.KnownDevices;
using Auth.Application.KnownDevices.ForgetKnownDevice;
using Auth.Application.KnownDevices.ListKnownDevices;
using Auth.Application.Passkeys.Common;
using Auth.Application.Passkeys.ListPasskeys;
using Auth.Application.Passkeys.RemovePasskey;
using Auth.Application.Sessions;
using Auth.Application.Common.Models;
using Auth.Application.Sessions.ListSessions;
using Auth.Application.Sessions.RevokeSession;
using Auth.Application.Users;
using Auth.Domain.Tfa;
using Auth.WebApi.Contracts;
using Auth.WebApi.Http;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.Controllers;

[Route("api/v1/auth")]
public sealed class AuthController(IMediator mediator) : ApiController
{
    /// <summary>
    /// Sign up; a verification link goes to the address. With <c>tfa_enabled</c> and a device, the device is enrolled
    /// and the answer carries the enrollment — or, for a client that accepts <c>image/png</c>, the QR code itself. TFA
    /// is on once <c>confirm_tfa</c> proves the device's first code (which also returns the backup tokens).
    /// </summary>
    [HttpPost("signup")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.Signup)]
    [Consumes("application/json")]
    [ProducesResponseType<SignupResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult> Signup(SignupRequest request, CancellationToken cancellationToken)
    {
        var deviceType = request.Device?.DeviceType;
        var wantsPng = Request.AcceptsPng() && deviceType == DeviceType.CodeGenerator;
        var command = new SignupCommand(request.Email ?? "", request.Password ?? "", request.FullName ?? "", request.TfaEnabled, deviceType);
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, signup =>
        {
            if (wantsPng && signup.Enrollment?.QrPng is { } png)
            {
                Response.StatusCode = StatusCodes.Status201Created;
                return File(png, "image/png");
            }

            return CreatedAtAction(nameof(Me), null, SignupResponse.From(signup.User, signup.Enrollment?.Enrollment));
        });
    }

    /// <summary>Exchanges a refresh token for a new token pair; the old refresh token is spent (presenting it again ends the session).</summary>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public async Task<ActionResult> Refresh(RefreshRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RefreshCommand(request.RefreshToken ?? "", HttpContext.ToCallerContext()), cancellationToken);
        return ToActionResult(result, tokens => Ok(TokenResponse.From(tokens)));
    }

    /// <summary>The signed-in user.</summary>
    [HttpGet("me")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Me(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetCurrentUserQuery(User.ToCurrentSession().UserId), cancellationToken);
        return ToActionResult(result, user => Ok(user));
    }

    /// <summary>Kept for users of the reference service: the same as <c>GET /me</c>.</summary>
    [HttpGet("test-token")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public Task<ActionResult> TestToken(CancellationToken cancellationToken) => Me(cancellationToken);

    /// <summary>Signs this session out: its refresh token and access tokens stop working at once.</summary>
    [HttpPost("logout")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Logout(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new LogoutCommand(User.ToCurrentSession()), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>
    /// Lists the user's active sessions, most recently used first; a <c>Link</c> header with <c>rel="next"</c> is the
    /// next page, when there is one.
    /// </summary>
    /// <param name="pageSize">Sessions per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts, as the previous page's next link gave it.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("sessions")]
    [NextPageLink]
    [ProducesResponseType<IReadOnlyList<SessionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> Sessions(
        [FromQuery(Name = "page_size")] int pageSize = KeysetRules.MaxPageSize, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListSessionsQuery(User.ToCurrentSession(), pageSize, cursor), cancellationToken);
        return ToActionResult(result, Paged);
    }

    /// <summary>Ends one of the user's sessions.</summary>
    [HttpDelete("sessions/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> RevokeSession(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RevokeSessionCommand(User.ToCurrentSession(), id), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Changes the password (the current one is required); every other session ends.</summary>
    [HttpPost("change_password")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var command = new ChangePasswordCommand(User.ToCurrentSession(), request.CurrentPassword ?? "", request.NewPassword ?? "");
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Emails a single-use reset link if the account exists; the answer is the same whether or not it does.</summary>
    [HttpPost("forgot_password")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.PasswordReset)]
    [Consumes("application/json")]
    [ProducesResponseType<AcceptedResponse>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult> ForgotPassword(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ForgotPasswordCommand(request.Email ?? ""), cancellationToken);
        return ToActionResult(result, _ => Accepted(new AcceptedResponse("If an account uses this address, a reset link is on its way.")));
    }

    /// <summary>Sets a new password with the emailed token. Every session is signed out; it does not sign in.</summary>
    [HttpPost("reset_password")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.PasswordReset)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> ResetPassword(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ResetPasswordCommand(request.Token ?? "", request.NewPassword ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Proves the address with the emailed verification token; the token works once.</summary>
    [HttpPost("verify_email")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> VerifyEmail(VerifyEmailRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new VerifyEmailCommand(request.Token ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>
    /// "This wasn't me": the verification link's token removes the never-verified account that registered this address
    /// (a verified account is never removed this way). The token works once.
    /// </summary>
    [HttpPost("verify_email/decline")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> DeclineSignup(VerifyEmailRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new DeclineSignupCommand(request.Token ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>
    /// Binds the second factor or passkey named by the emailed link (sent when one is added after a password-only sign-in):
    /// from the next sign-in it gives its full level. The token works once.
    /// </summary>
    [HttpPost("bind_factor")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> BindFactor(LinkTokenRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new BindFactorCommand(request.Token ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>
    /// Lifts the lock on second-factor sign-in with the token from the lock email (the mailbox proves the owner, as an
    /// administrator's unlock would). The token works once.
    /// </summary>
    [HttpPost("unlock_second_factor")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> UnlockSecondFactor(LinkTokenRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new UnlockSecondFactorCommand(request.Token ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Sends a new verification link if an unverified account uses this address; the answer is the same either way.</summary>
    [HttpPost("verify_email/resend")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.EmailVerification)]
    [Consumes("application/json")]
    [ProducesResponseType<AcceptedResponse>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult> ResendVerification(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ResendVerificationCommand(request.Email ?? ""), cancellationToken);
        return ToActionResult(result, _ => Accepted(new AcceptedResponse("If an unverified account uses this address, a link is on its way.")));
    }

    /// <summary>My known devices: those that completed a sign-in (remembered ones skip the second factor until remembered_until).</summary>
    [HttpGet("devices")]
    [ProducesResponseType<IReadOnlyList<KnownDeviceDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Devices(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ListKnownDevicesQuery(User.ToCurrentSession()), cancellationToken);
        return ToActionResult(result, devices => Ok(devices));
    }

    /// <summary>Forgets a device: its token no longer counts as known or remembered.</summary>
    [HttpDelete("devices/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> ForgetDevice(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ForgetKnownDeviceCommand(User.ToCurrentSession(), id), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>My passkeys (added and used on the hosted pages, where a browser can run WebAuthn).</summary>
    [HttpGet("passkeys")]
    [ProducesResponseType<IReadOnlyList<PasskeyDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Passkeys(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ListPasskeysQuery(User.ToCurrentSession().UserId), cancellationToken);
        return ToActionResult(result, passkeys => Ok(passkeys));
    }

    /// <summary>
    /// Removes a passkey (a lost device): needs a sign-in of the last few minutes (else 401 with RFC 9470's challenge),
    /// and signs out my other sessions.
    /// </summary>
    [HttpDelete("passkeys/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> RemovePasskey(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RemovePasskeyCommand(User.ToCurrentSession(), id, Password: null), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>My own recent security events (sign-ins, failures, TFA and password changes), newest first.</summary>
    [HttpGet("security_activity")]
    [ProducesResponseType<SecurityActivityPage>(StatusCodes.Status200OK)]
    public async Task<ActionResult> SecurityActivity(
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new GetSecurityActivityQuery(User.ToCurrentSession().UserId, page, pageSize), cancellationToken);
        return ToActionResult(result, activity => Ok(activity));
    }
}
