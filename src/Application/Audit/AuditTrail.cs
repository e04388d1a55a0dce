using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Audit;
using Microsoft.Extensions.Logging;

namespace Auth.Application.Audit;

/// <summary>
/// Records security events in the caller's unit of work (stored only if the change commits — failures are saved
/// by the handlers that report them) and as structured log events.
/// </summary>
public sealed class AuditTrail(IAuthDbContext db, IRequestContext request, TimeProvider time, ILogger<AuditTrail> logger)
{
    private CallerContext? _onBehalfOf;

    /// <summary>For work done later on a caller's behalf (a queued request): its events record that caller.</summary>
    public void OnBehalfOf(CallerContext caller) => _onBehalfOf = caller;

    public void Success(string type, Guid? userId, string? reason = null, Guid? actorId = null) =>
        Record(type, userId, AuditOutcome.Success, reason, actorId);

    public void Failure(string type, Guid? userId, string reason, Guid? actorId = null) =>
        Record(type, userId, AuditOutcome.Failure, reason, actorId);

    private void Record(string type, Guid? userId, AuditOutcome outcome, string? reason, Guid? actorId)
    {
        var caller = _onBehalfOf ?? request.Caller;
        var auditEvent = AuditEvent.Record(type, userId, outcome, reason, caller.IpAddress, caller.UserAgent, time.GetUtcNow(), actorId, caller.ClientId);
        db.AuditEvents.Add(auditEvent);
        // The line names only what is known (no "from null actor null"); every field is also a structured property.
        var details = string.Concat(
            reason is null ? "" : $" ({reason})",
            auditEvent.ClientIp is null ? "" : $" from {auditEvent.ClientIp}",
            actorId is null ? "" : $" by administrator {actorId}",
            auditEvent.ClientId is null ? "" : $" through app {auditEvent.ClientId}");
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["Reason"] = reason, ["ClientIp"] = auditEvent.ClientIp, ["ActorId"] = actorId, ["ClientId"] = auditEvent.ClientId,
        }))
        {
            if (userId is { } user)
            {
                logger.LogInformation("Security event {EventType} for user {UserId}: {Outcome}{Details}", type, user, outcome, details);
            }
            else
            {
                logger.LogInformation("Security event {EventType}: {Outcome}{Details}", type, outcome, details);
            }
        }
    }
}
