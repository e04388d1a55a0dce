using Auth.Application.Audit;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.UserAdministration;

public sealed record GetUserQuery(Guid UserId) : IRequest<Result<UserSummaryDto>>;

/// <summary>Disables (or enables) an account; disabling signs it out everywhere.</summary>
public sealed record SetUserDisabledCommand(Guid? ActorId, Guid UserId, bool Disabled) : IRequest<Result<Success>>;

/// <summary>Removes a user's second factor (lost phone): they must enroll again; sessions end; the user is told why.</summary>
public sealed record ResetUserTfaCommand(Guid? ActorId, Guid UserId, string Reason) : IRequest<Result<Success>>;

/// <summary>Sends the user a password-reset email. An administrator never sets or sees a password.</summary>
public sealed record SendPasswordResetCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

public sealed class ResetUserTfaCommandValidator : AbstractValidator<ResetUserTfaCommand>
{
    public const int MaxReasonLength = 500;

    public ResetUserTfaCommandValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithErrorCode("reason.required").WithMessage("A reason is required.")
            .MaximumLength(MaxReasonLength).WithErrorCode("reason.too_long").WithMessage($"The reason must be at most {MaxReasonLength} characters.");
    }
}

public sealed class AccountAdministrationHandlers(
    IAuthDbContext db,
    IMediator mediator,
    SessionRevoker sessions,
    TfaDeviceService devices,
    AuditTrail audit,
    Mailer mailer,
    TimeProvider time) :
    IRequestHandler<GetUserQuery, Result<UserSummaryDto>>,
    IRequestHandler<SetUserDisabledCommand, Result<Success>>,
    IRequestHandler<ResetUserTfaCommand, Result<Success>>,
    IRequestHandler<SendPasswordResetCommand, Result<Success>>
{
    public async Task<Result<UserSummaryDto>> Handle(GetUserQuery request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var throttle = await db.SignInThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.LoginKey == user.NormalizedEmail, cancellationToken);
        return new UserSummaryDto(user.Id, user.Email, user.FullName, user.TfaEnabled, user.Roles.ToList(), user.CreatedAt,
            user.LastLoginAt, throttle?.ConsecutiveFailures ?? 0, throttle?.ThrottledUntil);
    }

    public async Task<Result<Success>> Handle(SetUserDisabledCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var now = time.GetUtcNow();
        if (!request.Disabled)
        {
            user.Enable();
            audit.Success(AuditEventTypes.UserEnabled, user.Id, actorId: request.ActorId);
            await db.SaveChangesAsync(cancellationToken);
            return Success.Instance;
        }

        user.Disable(now);
        var revoked = await sessions.RevokeAllAsync(user.Id, SessionRevocationReason.RevokedByAdmin, exceptSessionId: null, cancellationToken);
        audit.Success(AuditEventTypes.UserDisabled, user.Id, $"sessions:{revoked.Count}", request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        revoked.Publish();
        return Success.Instance;
    }

    public async Task<Result<Success>> Handle(ResetUserTfaCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        await devices.RemoveSecondFactorAsync(user, cancellationToken);
        var revoked = await sessions.RevokeAllAsync(user.Id, SessionRevocationReason.RevokedByAdmin, exceptSessionId: null, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.TfaResetByAdministrator(request.Reason));
        audit.Success(AuditEventTypes.TfaResetByAdmin, user.Id, AuditEvent.Encode(request.Reason, 64), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        revoked.Publish();
        return Success.Instance;
    }

    public async Task<Result<Success>> Handle(SendPasswordResetCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        audit.Success(AuditEventTypes.PasswordResetSentByAdmin, user.Id, actorId: request.ActorId);
        return await mediator.Send(new ForgotPasswordCommand(user.Email), cancellationToken);
    }
}
