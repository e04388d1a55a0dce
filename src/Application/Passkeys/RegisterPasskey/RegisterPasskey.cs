using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Passkeys.Common;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Binding;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Passkeys.RegisterPasskey;

/// <summary>Completes adding a passkey with the browser's answer to the registration ceremony; audited and emailed.</summary>
public sealed record RegisterPasskeyCommand(CurrentSession Caller, Guid CeremonyId, string CredentialJson, string? Name)
    : IRequest<Result<PasskeyDto>>
{
    public override string ToString() => nameof(RegisterPasskeyCommand);
}

public sealed class RegisterPasskeyCommandHandler(
    IAuthDbContext db,
    IPasskeyVerifier verifier,
    PasskeyCeremonies ceremonies,
    FactorBinding binding,
    AuditTrail audit,
    Mailer mailer,
    TimeProvider time) : IRequestHandler<RegisterPasskeyCommand, Result<PasskeyDto>>
{
    public async Task<Result<PasskeyDto>> Handle(RegisterPasskeyCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var ceremony = await ceremonies.TakeAsync(
            request.CeremonyId, PasskeyCeremonyPurpose.Registration, user.Id, request.Caller.SessionId, user.SecurityStamp, cancellationToken);
        if (ceremony is null)
        {
            return PasskeyErrors.CeremonyClosed;
        }

        // A credential belongs to one account: registered already (here or to anyone else) is said plainly.
        if (verifier.CredentialIdOf(request.CredentialJson) is { } credentialId
            && await db.Passkeys.AnyAsync(p => p.CredentialId == credentialId, cancellationToken))
        {
            return PasskeyErrors.AlreadyRegistered;
        }

        var attested = await verifier.VerifyRegistrationAsync(request.CredentialJson, ceremony.State, cancellationToken);
        if (!attested.IsSuccess)
        {
            return attested.Error!;
        }

        var credential = attested.Value;

        if (await db.Passkeys.CountAsync(p => p.UserId == user.Id, cancellationToken) >= Passkey.MaxPerUser)
        {
            return PasskeyErrors.LimitReached;
        }

        var passkey = Passkey.Register(
            user.Id, credential.CredentialId, credential.PublicKey, request.Name ?? "", credential.SignCount, credential.Transports,
            credential.IsUserVerified, credential.IsBackupEligible, credential.IsBackedUp, time.GetUtcNow());
        db.Passkeys.Add(passkey);

        // Bound at once when the session proved a bound factor already; otherwise the mailbox is asked.
        BindingLink? link = null;
        if (await binding.SessionProvesSecondFactorAsync(request.Caller, cancellationToken))
        {
            passkey.Bind(passkey.CreatedAt);
        }
        else
        {
            link = await binding.IssueLinkAsync(user, passkey.Id, cancellationToken);
        }

        audit.Success(AuditEventTypes.PasskeyRegistered, user.Id, passkey.IsSynced ? "synced" : "device_bound");
        mailer.Queue(user.Email, link is null ? EmailMessages.PasskeyRegistered() : EmailMessages.PasskeyRegisteredToBind(link.Url, link.ValidFor));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique credential id: a parallel registration of the same credential committed first.
            db.DiscardChanges();
            return PasskeyErrors.AlreadyRegistered;
        }

        return PasskeyDto.From(passkey);
    }
}
