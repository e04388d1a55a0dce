using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.CanonicalizeEmails;

/// <summary>
/// The one-off data migration for canonical addresses (<c>admin emails canonicalize</c>): accounts stored before
/// addresses were canonicalised (NFKC, case fold, no trailing dot) get their canonical spelling, unless that would make
/// two accounts one mailbox. Those collisions, and addresses that are no longer valid, are listed for an operator to
/// settle (nothing is merged or removed automatically). With <see cref="DryRun"/> nothing is written.
/// </summary>
public sealed record CanonicalizeEmailsCommand(bool DryRun) : IRequest<Result<EmailCanonicalization>>;

/// <summary>What the migration found: how many accounts it read and respelled, which share a mailbox, which are invalid.</summary>
public sealed record EmailCanonicalization(
    int Examined, int Respelled, IReadOnlyList<IReadOnlyList<EmailOnRecord>> Collisions, IReadOnlyList<EmailOnRecord> Invalid);

public sealed record EmailOnRecord(Guid UserId, string Email);

public sealed class CanonicalizeEmailsCommandHandler(IAuthDbContext db) : IRequestHandler<CanonicalizeEmailsCommand, Result<EmailCanonicalization>>
{
    private const int PageSize = 1000;

    public async Task<Result<EmailCanonicalization>> Handle(CanonicalizeEmailsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (examined, respell, invalid) = await ReadAllAsync(cancellationToken);

        // A new key already used by another account, or by another respelled one, would make two accounts one mailbox.
        var keys = respell.Select(r => r.Canonical.Normalized).Distinct().ToList();
        var holders = await db.Users.AsNoTracking().Where(u => keys.Contains(u.NormalizedEmail))
            .Select(u => new { u.Id, u.Email, u.NormalizedEmail }).ToListAsync(cancellationToken);
        var collisions = respell.GroupBy(r => r.Canonical.Normalized)
            .Select(group => group.Select(r => new EmailOnRecord(r.UserId, r.Email))
                .Concat(holders.Where(h => h.NormalizedEmail == group.Key).Select(h => new EmailOnRecord(h.Id, h.Email)))
                .ToList())
            .Where(records => records.Count > 1)
            .ToList();
        var colliding = collisions.SelectMany(c => c).Select(r => r.UserId).ToHashSet();
        var safe = respell.Where(r => !colliding.Contains(r.UserId)).ToList();
        if (!request.DryRun)
        {
            foreach (var chunk in safe.Chunk(PageSize))
            {
                var ids = chunk.Select(r => r.UserId).ToList();
                foreach (var user in await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken))
                {
                    user.UseCanonicalEmail(chunk.Single(r => r.UserId == user.Id).Canonical);
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new EmailCanonicalization(examined, safe.Count, [.. collisions], invalid);
    }

    /// <summary>Every account, in pages of its (unique, indexed) key: those whose canonical spelling differs, and those with no valid one.</summary>
    private async Task<(int Examined, List<Respelling> Respell, List<EmailOnRecord> Invalid)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var (examined, respell, invalid) = (0, new List<Respelling>(), new List<EmailOnRecord>());
        string? after = null;
        while (true)
        {
            var page = await db.Users.AsNoTracking().Where(u => after == null || string.Compare(u.NormalizedEmail, after) > 0)
                .OrderBy(u => u.NormalizedEmail).Select(u => new { u.Id, u.Email, u.NormalizedEmail }).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return (examined, respell, invalid);
            }

            examined += page.Count;
            after = page[^1].NormalizedEmail;
            foreach (var user in page)
            {
                if (!EmailAddress.TryCreate(user.Email, out var canonical))
                {
                    invalid.Add(new EmailOnRecord(user.Id, user.Email));
                }
                else if (canonical!.Value != user.Email || canonical.Normalized != user.NormalizedEmail)
                {
                    respell.Add(new Respelling(user.Id, user.Email, canonical));
                }
            }
        }
    }

    private sealed record Respelling(Guid UserId, string Email, EmailAddress Canonical);
}
