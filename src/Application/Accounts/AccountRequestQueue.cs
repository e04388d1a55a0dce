using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Accounts;

namespace Auth.Application.Accounts;

/// <summary>
/// Requests that must not tell whether an account exists (forgot password, resend verification) are only queued on
/// the request path, identically for every address: one row, committed before the 202, so a node that dies a moment
/// later loses nothing. A background worker on any node does the per-account work (<c>AccountRequestWorker</c>).
/// </summary>
public sealed class AccountRequestQueue(IAuthDbContext db, TimeProvider time)
{
    public async Task EnqueueAsync(AccountRequestKind kind, string email, CallerContext caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        db.AccountRequests.Add(QueuedAccountRequest.Accept(kind, email, caller.IpAddress, caller.UserAgent, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
