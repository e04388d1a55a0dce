using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Login;
using Auth.Application.SignIn.RedeemBackupToken;
using Auth.Application.SignIn.ResendTfaCode;
using Auth.Application.SignIn.VerifyTfaCode;
using Auth.Domain.Common;
using Auth.WebApi.Authentication;
using Auth.WebApi.Contracts;
using Auth.WebApi.Controllers;
using Auth.WebApi.Http;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.SignIn;

/// <summary>
/// Signing in through the JSON API, on the reference service's routes: the password (<c>/auth/login</c>), then, for an
/// account with an authenticator, its second step (<c>/tfa/login_tfa</c>, <c>/tfa/recover_tfa</c>, <c>/tfa/resend</c>)
/// with the pre-TFA token the first step returned. The hosted pages and the OpenID Connect endpoints beside this file
/// are the other doors to the same commands.
/// </summary>
[Route("api/v1")]
public sealed class SignInApiController(IMediator mediator) : ApiController
{
    /// <summary>Sign in with the OAuth2 password form (<c>username</c>, <c>password</c>), as Swagger UI and the reference service do.</summary>
    [HttpPost("auth/login")]
    [Tags("Auth")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    [Consumes("application/x-www-form-urlencoded", "multipart/form-data")]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public Task<ActionResult> LoginWithForm([FromForm] OAuth2PasswordForm form, CancellationToken cancellationToken) =>
        Login(form.Username, form.Password, cancellationToken);

    /// <summary>Sign in with a JSON body <c>{email, password}</c>.</summary>
    [HttpPost("auth/login")]
    [Tags("Auth")]
    [RequiresContentType]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    [Consumes("application/json")]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public Task<ActionResult> LoginWithJson(LoginRequest request, CancellationToken cancellationToken) =>
        Login(request.Email, request.Password, cancellationToken);

    /// <summary>Completes a two-step login with an authenticator-app code or an emailed code.</summary>
    [HttpPost("tfa/login_tfa")]
    [Tags("Tfa")]
    [Authorize(AuthenticationSchemes = AuthSchemes.PreTfa)]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult> LoginTfa(
        [FromQuery(Name = "tfa_token")] string? tfaToken,
        [FromQuery(Name = "remember_device")] bool? rememberDevice,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TfaCodeRequest? body,
        CancellationToken cancellationToken)
    {
        var (userId, challengeId) = User.ToPreTfaCaller();
        var command = new VerifyTfaCodeCommand(
            userId, challengeId, tfaToken ?? body?.TfaToken ?? "", HttpContext.ToCallerContext(), rememberDevice ?? body?.RememberDevice ?? false);
        return SignedIn(await mediator.Send(command, cancellationToken));
    }

    /// <summary>Completes a two-step login with a single-use backup token.</summary>
    [HttpPost("tfa/recover_tfa")]
    [Tags("Tfa")]
    [Authorize(AuthenticationSchemes = AuthSchemes.PreTfa)]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> RecoverTfa(
        [FromQuery(Name = "tfa_backup_token")] string? backupToken,
        [FromQuery(Name = "remember_device")] bool? rememberDevice,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] BackupTokenRequest? body,
        CancellationToken cancellationToken)
    {
        var (userId, challengeId) = User.ToPreTfaCaller();
        var command = new RedeemBackupTokenCommand(
            userId, challengeId, backupToken ?? body?.TfaBackupToken ?? "", HttpContext.ToCallerContext(), rememberDevice ?? body?.RememberDevice ?? false);
        return SignedIn(await mediator.Send(command, cancellationToken));
    }

    /// <summary>Emails a fresh sign-in code during a two-step login (email devices); the previous code stops working.</summary>
    [HttpPost("tfa/resend")]
    [Tags("Tfa")]
    [Authorize(AuthenticationSchemes = AuthSchemes.PreTfa)]
    [EnableRateLimiting(RateLimitPolicies.Tfa)]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult> Resend(CancellationToken cancellationToken)
    {
        var (userId, challengeId) = User.ToPreTfaCaller();
        var result = await mediator.Send(new ResendTfaCodeCommand(userId, challengeId), cancellationToken);
        return ToActionResult(result, _ => Accepted());
    }

    private async Task<ActionResult> Login(string? email, string? password, CancellationToken cancellationToken)
    {
        var command = new LoginCommand(email ?? "", password ?? "", HttpContext.ToCallerContext(), Request.ReadDeviceToken());
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, login => login.Tfa is { } tfa
            ? Accepted(new TokenResponse(tfa.PreTfaToken, null, "bearer", tfa.ExpiresIn)
            {
                TfaRequired = true,
                DeviceType = tfa.DeviceType,
                BackupTokensRemaining = tfa.BackupTokensRemaining,
            })
            : SignedIn(login.SignedIn!.Tokens!, null));
    }

    private ActionResult SignedIn(Result<TfaLoginResult> result) =>
        ToActionResult(result, login => SignedIn(login.SignedIn.Tokens!, login.BackupTokensRemaining));

    /// <summary>A completed sign-in's answer; a newly recognised device also gets its token as a cookie.</summary>
    private OkObjectResult SignedIn(TokenPair tokens, int? backupTokensRemaining)
    {
        Response.WriteDeviceToken(tokens.DeviceToken);
        return Ok(TokenResponse.From(tokens) with { BackupTokensRemaining = backupTokensRemaining });
    }
}
