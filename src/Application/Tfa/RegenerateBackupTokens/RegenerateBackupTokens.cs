using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.RegenerateBackupTokens;

/// <summary>Replaces the backup tokens with a new set, proven with a current code; the old set stops working.</summary>
public sealed record RegenerateBackupTokensCommand(CurrentSession Caller, string Code, string? Password = null) : IRequest<Result<BackupTokensDto>>
{
    public override string ToString() => nameof(RegenerateBackupTokensCommand);
}

public sealed class RegenerateBackupTokensCommandHandler(
    IAuthDbContext db,
    Reauthentication reauthentication,
    StepUpVerifier stepUp,
    BackupTokenService backupTokens,
    AuditTrail audit,
    Mailer mailer) : IRequestHandler<RegenerateBackupTokensCommand, Result<BackupTokensDto>>
{
    public async Task<Result<BackupTokensDto>> Handle(RegenerateBackupTokensCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var fresh = await reauthentication.RequireAsync(user, request.Caller, request.Password, cancellationToken);
        if (!fresh.IsSuccess)
        {
            return fresh.Error!;
        }

        var proven = await stepUp.VerifyAsync(user, password: null, request.Code, cancellationToken);
        if (!proven.IsSuccess)
        {
            return proven.Error!;
        }

        var tokens = await backupTokens.IssueNewSetAsync(user.Id, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.BackupTokensRegenerated());
        audit.Success(AuditEventTypes.BackupTokensRegenerated, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await proven.Value.Attempt.SucceedAsync(cancellationToken);
        return new BackupTokensDto(tokens);
    }
}
