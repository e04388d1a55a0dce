using Auth.Application.Admin.Clients;
using Auth.Application.Audit.GetSecurityActivity;
using Auth.Application.Auth.ChangePassword;
using Auth.Application.Auth.GetCurrentUser;
using Auth.Application.Consents.ListConsents;
using Auth.Application.Consents.RevokeConsent;
using Auth.Application.KnownDevices;
using Auth.Application.KnownDevices.ForgetKnownDevice;
using Auth.Application.KnownDevices.ListKnownDevices;
using Auth.Application.Passkeys.BeginPasskeyRegistration;
using Auth.Application.Passkeys.Common;
using Auth.Application.Passkeys.ListPasskeys;
using Auth.Application.Passkeys.RegisterPasskey;
using Auth.Application.Passkeys.RemovePasskey;
using Auth.Application.Passkeys.RenamePasskey;
using Auth.Application.Sessions;
using Auth.Application.Sessions.ListSessions;
using Auth.Application.Sessions.RevokeSession;
using Auth.Application.SignIn.SendStepUpCode;
using Auth.Application.Tfa.ConfirmTfa;
using Auth.Application.Tfa.DisableTfa;
using Auth.Application.Tfa.EnableTfa;
using Auth.Application.Tfa.GetQrCode;
using Auth.Application.Users;
using Auth.Domain.Tfa;
using Auth.WebApi.RateLimiting;
using Auth.WebApi.SignIn;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.WebApi.Pages;

/// <summary>
/// The account page: profile, sessions (revocable), remembered devices, apps allowed, recent security activity,
/// password change, turning two-factor authentication on (QR code, backup tokens shown once) or off, and passkeys
/// (add, rename, remove).
/// </summary>
[Route("account")]
[Authorize(AuthenticationSchemes = BrowserSessions.Scheme)]
public sealed class AccountController(IMediator mediator) : PageController(mediator)
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["session-revoked"] = "The session is signed out.",
        ["device-forgotten"] = "The device is forgotten; it will be asked for the second factor again.",
        ["consent-revoked"] = "The app's access is withdrawn; it will ask again.",
        ["password-changed"] = "Your password is changed. Your other sessions are signed out.",
        ["tfa-disabled"] = "Two-step verification is off.",
        ["passkey-added"] = "The passkey is added. You can sign in with it, with or without your password.",
        ["passkey-added-unbound"] =
            "The passkey is added. Before it signs you in on its own, confirm it with the link we emailed you (you signed in with the password alone).",
        ["passkey-renamed"] = "The passkey is renamed.",
        ["passkey-removed"] = "The passkey is removed. Your other sessions are signed out.",
    };

    [HttpGet("")]
    public async Task<IActionResult> Index(string? done)
    {
        var user = await SendAsync(new GetCurrentUserQuery(SignedIn.UserId));
        var sessions = await SendAsync(new ListSessionsQuery(Caller));
        var devices = await SendAsync(new ListKnownDevicesQuery(Caller));
        var consents = await SendAsync(new ListConsentsQuery(SignedIn.UserId));
        var activity = await SendAsync(new GetSecurityActivityQuery(SignedIn.UserId, 1, 10));
        var passkeys = await SendAsync(new ListPasskeysQuery(SignedIn.UserId));
        return View(new AccountPage(
            user.Value, sessions.Value.Items, devices.Value, consents.Value, activity.Value.Items, passkeys.Value,
            done is not null ? Notices.GetValueOrDefault(done) : null));
    }

    [HttpPost("sessions/{id:guid}/revoke")]
    public async Task<IActionResult> RevokeSession(Guid id)
    {
        var current = id == SignedIn.SessionId;
        await SendAsync(new RevokeSessionCommand(Caller, id));
        if (current)
        {
            await BrowserSessions.SignOutAsync(HttpContext);
            return Redirect($"{BrowserSessions.SignInPath}?signedOut=true");
        }

        return Redirect("/account?done=session-revoked");
    }

    [HttpPost("devices/{id:guid}/forget")]
    public async Task<IActionResult> ForgetDevice(Guid id)
    {
        await SendAsync(new ForgetKnownDeviceCommand(Caller, id));
        return Redirect("/account?done=device-forgotten");
    }

    [HttpPost("consents/{id}/revoke")]
    public async Task<IActionResult> RevokeConsent(string id)
    {
        await SendAsync(new RevokeConsentCommand(SignedIn.UserId, id));
        return Redirect("/account?done=consent-revoked");
    }

    [HttpGet("password")]
    public IActionResult Password() => View(new PasswordForm());

    [HttpPost("password")]
    public async Task<IActionResult> Password([FromForm] PasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new ChangePasswordCommand(Caller, form.CurrentPassword ?? "", form.NewPassword ?? ""));
        return result.IsSuccess
            ? Redirect("/account?done=password-changed")
            : Refused(View(new PasswordForm { Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("tfa/enable")]
    public IActionResult EnableTfa() => View(new EnableTfaForm());

    /// <summary>Starts enrolling: an authenticator app gets its QR code (and the secret, for typing), email gets a code.</summary>
    [HttpPost("tfa/enable")]
    public async Task<IActionResult> EnableTfa([FromForm] EnableTfaForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new EnableTfaCommand(Caller, form.DeviceType, string.IsNullOrEmpty(form.Password) ? null : form.Password));
        if (!result.IsSuccess)
        {
            return Refused(View(form with { Password = null, Error = result.Error!.Description }), result.Error!);
        }

        var enrollment = result.Value;
        return View("ConfirmTfa", new ConfirmTfaForm
        {
            DeviceType = enrollment.DeviceType,
            QrPngBase64 = enrollment.Enrollment?.QrPngBase64,
            Secret = enrollment.Enrollment?.Secret,
        });
    }

    [HttpPost("tfa/confirm")]
    public async Task<IActionResult> ConfirmTfa([FromForm] ConfirmTfaForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new ConfirmTfaCommand(Caller, form.Code ?? ""));
        if (result.IsSuccess)
        {
            return View("BackupTokens", result.Value.BackupTokens);
        }

        // A wrong code keeps the enrollment on screen: the QR code and the key of the enrollment still pending, read again.
        var pending = await SendAsync(new GetQrCodeQuery(Caller.UserId));
        var again = form with
        {
            Code = null,
            Error = result.Error!.Description,
            QrPngBase64 = pending.IsSuccess ? pending.Value.Enrollment?.QrPngBase64 : null,
            Secret = pending.IsSuccess ? pending.Value.Enrollment?.Secret : null,
        };
        return Refused(View("ConfirmTfa", again), result.Error!);
    }

    [HttpGet("passkeys/add")]
    public IActionResult AddPasskey() => View(new PasskeyForm());

    /// <summary>The registration ceremony (passkey.js asks for it with the form's fields: the password, when needed).</summary>
    [HttpPost("passkeys/options")]
    [EnableRateLimiting(RateLimitPolicies.PasskeyCeremony)]
    public async Task<IActionResult> PasskeyOptions([FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Ceremony(await SendAsync(new BeginPasskeyRegistrationCommand(Caller, string.IsNullOrEmpty(form.Password) ? null : form.Password)));
    }

    [HttpPost("passkeys")]
    public async Task<IActionResult> AddPasskey([FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new RegisterPasskeyCommand(Caller, form.CeremonyId, form.Credential ?? "", form.Name));
        return result.IsSuccess
            ? Redirect(result.Value.Bound ? "/account?done=passkey-added" : "/account?done=passkey-added-unbound")
            : Refused(View(new PasskeyForm { Name = form.Name, Error = result.Error!.Description }), result.Error!);
    }

    [HttpGet("passkeys/{id:guid}")]
    public async Task<IActionResult> Passkey(Guid id)
    {
        var passkey = await PasskeyAsync(id);
        return passkey is null ? NotFound() : View(new PasskeyPage(passkey, null));
    }

    [HttpPost("passkeys/{id:guid}/rename")]
    public async Task<IActionResult> RenamePasskey(Guid id, [FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new RenamePasskeyCommand(Caller, id, form.Name ?? ""));
        return result.IsSuccess ? Redirect("/account?done=passkey-renamed") : await PasskeyRefusedAsync(id, result.Error!);
    }

    [HttpPost("passkeys/{id:guid}/remove")]
    public async Task<IActionResult> RemovePasskey(Guid id, [FromForm] PasskeyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new RemovePasskeyCommand(Caller, id, string.IsNullOrEmpty(form.Password) ? null : form.Password));
        return result.IsSuccess ? Redirect("/account?done=passkey-removed") : await PasskeyRefusedAsync(id, result.Error!);
    }

    private async Task<PasskeyDto?> PasskeyAsync(Guid id)
    {
        var passkeys = await SendAsync(new ListPasskeysQuery(SignedIn.UserId));
        return passkeys.IsSuccess ? passkeys.Value.SingleOrDefault(p => p.Id == id) : null;
    }

    private async Task<IActionResult> PasskeyRefusedAsync(Guid id, Domain.Common.Error error) =>
        await PasskeyAsync(id) is { } passkey ? Refused(View(nameof(Passkey), new PasskeyPage(passkey, error.Description)), error) : NotFound();

    [HttpGet("tfa/disable")]
    public IActionResult DisableTfa() => View(new DisableTfaForm());

    [HttpPost("tfa/disable")]
    public async Task<IActionResult> DisableTfa([FromForm] DisableTfaForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await SendAsync(new DisableTfaCommand(Caller, form.Password ?? "", form.Code ?? ""));
        return result.IsSuccess
            ? Redirect("/account?done=tfa-disabled")
            : Refused(View(new DisableTfaForm { Error = result.Error!.Description }), result.Error!);
    }

    /// <summary>For an emailed second step: a code to turn it off with (the same code the API's send_code emails).</summary>
    [HttpPost("tfa/disable/send-code")]
    public async Task<IActionResult> SendDisableCode()
    {
        var result = await SendAsync(new SendStepUpCodeCommand(Caller.UserId));
        return result.IsSuccess
            ? View("DisableTfa", new DisableTfaForm { Message = "We emailed you a code. Enter it below with your password." })
            : Refused(View("DisableTfa", new DisableTfaForm { Error = result.Error!.Description }), result.Error!);
    }
}

public sealed record AccountPage(
    UserDto User,
    IReadOnlyList<SessionDto> Sessions,
    IReadOnlyList<KnownDeviceDto> Devices,
    IReadOnlyList<ConsentDto> Consents,
    IReadOnlyList<SecurityEventDto> Activity,
    IReadOnlyList<PasskeyDto> Passkeys,
    string? Message);

public sealed record PasskeyPage(PasskeyDto Passkey, string? Error);

public sealed record PasswordForm
{
    public string? CurrentPassword { get; init; }

    public string? NewPassword { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(PasswordForm);
}

public sealed record EnableTfaForm
{
    public DeviceType DeviceType { get; init; } = DeviceType.CodeGenerator;

    /// <summary>Needed when the sign-in is older than the re-authentication window.</summary>
    public string? Password { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(EnableTfaForm);
}

public sealed record ConfirmTfaForm
{
    public DeviceType DeviceType { get; init; }

    public string? QrPngBase64 { get; init; }

    public string? Secret { get; init; }

    public string? Code { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(ConfirmTfaForm);
}

public sealed record DisableTfaForm
{
    public string? Password { get; init; }

    public string? Code { get; init; }

    public string? Message { get; init; }

    public string? Error { get; init; }

    public override string ToString() => nameof(DisableTfaForm);
}
