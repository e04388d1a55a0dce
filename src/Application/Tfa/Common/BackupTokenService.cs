using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Tfa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Tfa.Common;

/// <summary>
/// Backup tokens: 12 symbols of Crockford base32 (60 random bits), shown as <c>k7qd-3mpx-t9wz</c>, accepted in any
/// case with or without separators (and with i/l read as 1, o as 0), stored only as keyed hashes.
/// </summary>
public sealed class BackupTokenService(IAuthDbContext db, ISecretHasher hasher, IOptions<TfaOptions> options, TimeProvider time)
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int Symbols = 12;

    public static string Generate()
    {
        var chars = new char[Symbols];
        for (var i = 0; i < Symbols; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    public static string Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var builder = new StringBuilder(input.Length);
        foreach (var c in input.ToLowerInvariant())
        {
            switch (c)
            {
                case '-' or ' ':
                    continue;
                case 'i' or 'l':
                    builder.Append('1');
                    break;
                case 'o':
                    builder.Append('0');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Replaces the user's backup tokens with a new set and returns it for display (the only time it is shown).</summary>
    public async Task<IReadOnlyList<string>> IssueNewSetAsync(Guid userId, CancellationToken cancellationToken)
    {
        db.BackupTokens.RemoveRange(await db.BackupTokens.Where(t => t.UserId == userId).ToListAsync(cancellationToken));
        var now = time.GetUtcNow();
        var tokens = Enumerable.Range(0, options.Value.BackupTokenCount).Select(_ => Generate()).ToList();
        foreach (var token in tokens)
        {
            var hash = hasher.Hash(Normalize(token));
            db.BackupTokens.Add(BackupToken.Issue(userId, hash.KeyId, hash.Hash, now));
        }

        return tokens;
    }

    public Task<int> CountUnusedAsync(Guid userId, CancellationToken cancellationToken) =>
        db.BackupTokens.CountAsync(t => t.UserId == userId && t.UsedAt == null, cancellationToken);

    /// <summary>The unused token matching <paramref name="input"/>; every candidate is compared, in constant time each.</summary>
    public static BackupToken? FindMatch(IEnumerable<BackupToken> unused, string input, ISecretHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var normalized = Normalize(input);
        BackupToken? match = null;
        foreach (var token in unused)
        {
            if (hasher.Matches(new KeyedHash(token.HashKeyId, token.TokenHash), normalized) && match is null)
            {
                match = token;
            }
        }

        return match;
    }

    /// <summary>The count to show in a login response, or null when there are comfortably many.</summary>
    public int? LowCountWarning(int remaining) => remaining <= options.Value.LowBackupTokenWarning ? remaining : null;
}
