using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts;

/// <summary>Issues and redeems the single-use tokens emailed to prove control of a mailbox, in the caller's unit of work.</summary>
public sealed class AccountTokens(IAuthDbContext db, TimeProvider time)
{
    /// <summary>How many tokens of this kind the user was sent since <paramref name="since"/> (the per-mailbox bound).</summary>
    public Task<int> CountIssuedSinceAsync(Guid userId, AccountTokenPurpose purpose, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.AccountTokens.CountAsync(t => t.UserId == userId && t.Purpose == purpose && t.CreatedAt >= since, cancellationToken);

    /// <summary>
    /// A new token of <paramref name="purpose"/> for the user (earlier unused ones for the same subject stop working);
    /// the value to email.
    /// </summary>
    public async Task<string> IssueAsync(
        Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime, CancellationToken cancellationToken, Guid? subjectId = null)
    {
        var now = time.GetUtcNow();
        foreach (var previous in await db.AccountTokens
                     .Where(t => t.UserId == userId && t.Purpose == purpose && t.SubjectId == subjectId && t.UsedAt == null)
                     .ToListAsync(cancellationToken))
        {
            previous.Invalidate(now);
        }

        var token = OpaqueToken.Create();
        db.AccountTokens.Add(AccountToken.Issue(userId, purpose, token.Hash, lifetime, now, subjectId));
        return token.Value;
    }

    /// <summary>Spends the token if it is valid for <paramref name="purpose"/>; null otherwise. Single use is kept by a concurrency token.</summary>
    public async Task<AccountToken?> RedeemAsync(string value, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.HashOf(value);
        var token = await db.AccountTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        return token is not null && token.TryUse(time.GetUtcNow()) ? token : null;
    }
}
