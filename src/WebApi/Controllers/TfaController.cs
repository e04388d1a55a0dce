using Auth.Application.SignIn.SendStepUpCode;
using Auth.Application.Tfa.Common;
using Auth.Application.Tfa.ConfirmTfa;
using Auth.Application.Tfa.DisableTfa;
using Auth.Application.Tfa.EnableTfa;
using Auth.Application.Tfa.GetBackupTokenCount;
using Auth.Application.Tfa.GetQrCode;
using Auth.Application.Tfa.RegenerateBackupTokens;
using Auth.Domain.Tfa;
using Auth.WebApi.Contracts;
using Auth.WebApi.Http;
using Auth.WebApi.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.Controllers;

/// <summary>Two-factor authentication, on the reference service's routes. Codes travel in the query string or a JSON body.</summary>
[Route("api/v1/tfa")]
[EnableRateLimiting(RateLimitPolicies.Tfa)]
public sealed class TfaController(IMediator mediator) : ApiController
{
    /// <summary>
    /// Starts enrolling a device; TFA is enforced only after confirm_tfa. Needs a sign-in at most
    /// Accounts:ReauthenticationWindow old, or <c>password</c> (else 401 with the RFC 9470 challenge).
    /// </summary>
    [HttpPut("enable_tfa")]
    [Consumes("application/json")]
    [ProducesResponseType<EnrollmentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> EnableTfa(EnableTfaRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new EnableTfaCommand(User.ToCurrentSession(), request.DeviceType, request.Password), cancellationToken);
        return ToActionResult(result, enrollment =>
            Request.AcceptsPng() && enrollment.QrPng is { } png
                ? File(png, "image/png")
                : Ok(new EnrollmentResponse(enrollment.DeviceType, enrollment.Enrollment,
                    enrollment.DeviceType == DeviceType.Email ? true : null)));
    }

    /// <summary>Proves the pending device with a code; from now on login asks for the second factor, and every other session ends.</summary>
    [HttpPost("confirm_tfa")]
    [Consumes("application/json")]
    [ProducesResponseType<BackupTokensDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> ConfirmTfa(TfaCodeRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ConfirmTfaCommand(User.ToCurrentSession(), request.TfaToken ?? ""), cancellationToken);
        return ToActionResult(result, tokens => Ok(tokens));
    }

    /// <summary>The QR code of a pending authenticator-app enrollment; after confirmation, 409 <c>tfa.secret_not_retrievable</c>.</summary>
    [HttpGet("get_my_qrcode")]
    [Produces("image/png")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult> GetMyQrCode(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetQrCodeQuery(User.ToCurrentSession().UserId), cancellationToken);
        return ToActionResult(result, enrollment => File(enrollment.QrPng!, "image/png"));
    }

    /// <summary>Turns TFA off: needs the password and a current code; every other session is signed out.</summary>
    [HttpPost("disable_tfa")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult> DisableTfa(DisableTfaRequest request, CancellationToken cancellationToken)
    {
        var command = new DisableTfaCommand(User.ToCurrentSession(), request.Password ?? "", request.TfaToken ?? "");
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>How many unused backup tokens the user has left.</summary>
    [HttpGet("backup_tokens")]
    [ProducesResponseType<BackupTokenCountResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult> BackupTokens(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetBackupTokenCountQuery(User.ToCurrentSession().UserId), cancellationToken);
        return ToActionResult(result, remaining => Ok(new BackupTokenCountResponse(remaining)));
    }

    /// <summary>A new set of backup tokens, proven with a current code and a fresh sign-in (or <c>password</c>); the old set stops working.</summary>
    [HttpPost("backup_tokens/regenerate")]
    [Consumes("application/json")]
    [ProducesResponseType<BackupTokensDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult> RegenerateBackupTokens(RegenerateBackupTokensRequest request, CancellationToken cancellationToken)
    {
        var command = new RegenerateBackupTokensCommand(User.ToCurrentSession(), request.TfaToken ?? "", request.Password);
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, tokens => Ok(tokens));
    }

    /// <summary>Emails a security code (email devices) for disable_tfa or backup_tokens/regenerate.</summary>
    [HttpPost("send_code")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult> SendCode(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SendStepUpCodeCommand(User.ToCurrentSession().UserId), cancellationToken);
        return ToActionResult(result, _ => Accepted());
    }
}
