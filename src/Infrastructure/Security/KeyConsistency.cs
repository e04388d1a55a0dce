using System.Security.Cryptography;
using Auth.Application.Common.Exceptions;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>A key a node of this deployment has used, as the database remembers it: its id and a fingerprint, never the key.</summary>
public sealed class KeyFingerprint
{
    private KeyFingerprint()
    {
        Purpose = null!;
        KeyId = null!;
        Fingerprint = null!;
    }

    public string Purpose { get; private set; }

    public string KeyId { get; private set; }

    public byte[] Fingerprint { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    public static KeyFingerprint Record(string purpose, string keyId, byte[] fingerprint, DateTimeOffset now) =>
        new() { Purpose = purpose, KeyId = keyId, Fingerprint = fingerprint, FirstSeenAt = now };
}

/// <summary>
/// Signing and TFA keys come from each node's configuration, so two nodes can disagree: one would sign tokens the other
/// refuses, or encrypt TOTP secrets the other cannot read. At start, every node compares its keys with those the
/// database has seen under the same ids (recording new ones), and refuses to start, with one clear line, when a key
/// id stands for another key.
/// </summary>
public static class KeyConsistency
{
    public const string SigningPurpose = "jwt-signing";
    public const string TfaPurpose = "tfa-secret";

    public static async Task CheckKeysAgainstDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var mine = Fingerprints(scope.ServiceProvider);
        for (var attempt = 1; ; attempt++)
        {
            var purposes = mine.Select(k => k.Purpose).Distinct().ToList();
            var seen = await db.KeyFingerprints.AsNoTracking().Where(k => purposes.Contains(k.Purpose)).ToListAsync(cancellationToken);
            var disagreeing = mine.Where(k => seen.Any(s => s.Purpose == k.Purpose && s.KeyId == k.KeyId && !CryptographicOperations.FixedTimeEquals(s.Fingerprint, k.Fingerprint)))
                .Select(k => $"{Setting(k.Purpose)} key '{k.KeyId}'").ToList();
            if (disagreeing.Count > 0)
            {
                throw new ConfigurationException(
                    $"{string.Join(" and ", disagreeing)} differ{(disagreeing.Count == 1 ? "s" : "")} from the key with the same id that this database has already seen: every node must be configured with the same keys.");
            }

            // A rotation keeps the old key in the ring beside the new one, so a node always shares one key with the
            // database; a node with none of them would sign what others refuse, or not read what they stored.
            var strangers = purposes.Where(p => seen.Any(s => s.Purpose == p) && !mine.Any(k => k.Purpose == p && seen.Any(s => s.Purpose == p && s.KeyId == k.KeyId)))
                .Select(Setting).ToList();
            if (strangers.Count > 0)
            {
                throw new ConfigurationException(
                    $"{string.Join(" and ", strangers)} {(strangers.Count == 1 ? "has" : "have")} none of the keys this database has already seen: every node must be configured with the same keys (when rotating, keep the old key after the new one).");
            }

            foreach (var key in mine.Where(k => !seen.Any(s => s.Purpose == k.Purpose && s.KeyId == k.KeyId)))
            {
                db.KeyFingerprints.Add(KeyFingerprint.Record(key.Purpose, key.KeyId, key.Fingerprint, now));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another node recorded the same key id a moment ago: compare with what it recorded.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static List<(string Purpose, string KeyId, byte[] Fingerprint)> Fingerprints(IServiceProvider services)
    {
        var keys = services.GetRequiredService<SigningKeyRing>().Keys
            .Select(k => (SigningPurpose, k.Key.KeyId, SHA256.HashData(JsonWebKeyConverter.ConvertFromSecurityKey(k.Key).ComputeJwkThumbprint())))
            .ToList();
        keys.AddRange(services.GetRequiredService<TfaKeyRing>().Fingerprints().Select(k => (TfaPurpose, k.KeyId, k.Fingerprint)));
        return keys;
    }

    private static string Setting(string purpose) => purpose == SigningPurpose ? "Jwt:SigningKeys" : "Tfa:SecretKeys";
}
