using System.Globalization;
using System.Security.Cryptography;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Tfa.Common;

/// <summary>Issues and checks 6-digit emailed codes. A new code for the same purpose replaces the previous one.</summary>
public sealed class EmailCodeService(
    IAuthDbContext db,
    ISecretHasher hasher,
    Mailer mailer,
    IOptions<TfaOptions> options,
    TimeProvider time)
{
    public async Task IssueAsync(User user, EmailCodePurpose purpose, Guid bindingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        foreach (var previous in await UsableAsync(user.Id, purpose, bindingId, now, cancellationToken))
        {
            previous.Consume(now);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var hash = hasher.Hash(code);
        var lifetime = options.Value.EmailCodeLifetime;
        db.EmailCodes.Add(EmailCode.Issue(user.Id, purpose, bindingId, hash.KeyId, hash.Hash, lifetime, now));
        mailer.Queue(user.Email, purpose switch
        {
            EmailCodePurpose.SignIn => EmailMessages.SignInCode(code, lifetime),
            EmailCodePurpose.Enrollment => EmailMessages.EnrollmentCode(code, lifetime),
            _ => EmailMessages.StepUpCode(code, lifetime),
        });
    }

    /// <summary>True and the code is spent when it matches; otherwise the code's own failure count grows.</summary>
    public async Task<bool> VerifyAsync(Guid userId, EmailCodePurpose purpose, Guid bindingId, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var matched = false;
        foreach (var candidate in await UsableAsync(userId, purpose, bindingId, now, cancellationToken))
        {
            if (!matched && hasher.Matches(new KeyedHash(candidate.HashKeyId, candidate.CodeHash), code.Trim()))
            {
                candidate.Consume(now);
                matched = true;
            }
            else
            {
                candidate.RecordFailure();
            }
        }

        return matched;
    }

    public Task<DateTimeOffset?> LastIssuedAtAsync(Guid userId, EmailCodePurpose purpose, Guid bindingId, CancellationToken cancellationToken) =>
        db.EmailCodes.Where(c => c.UserId == userId && c.Purpose == purpose && c.BindingId == bindingId)
            .OrderByDescending(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private async Task<List<EmailCode>> UsableAsync(Guid userId, EmailCodePurpose purpose, Guid bindingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await db.EmailCodes
            .Where(c => c.UserId == userId && c.Purpose == purpose && c.BindingId == bindingId && c.ConsumedAt == null && c.ExpiresAt > now)
            .ToListAsync(cancellationToken))
        .Where(c => c.IsUsable(now))
        .ToList();
}
