using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id (RFC 9106) through Konscious. Each hash allocates the whole memory block, so hashing runs behind a
/// concurrency gate: a login flood queues briefly and is then shed with <see cref="ServiceBusyException"/> (503)
/// instead of exhausting memory.
/// </summary>
public sealed class Argon2PasswordHasher : IPasswordHasher, IDisposable
{
    private readonly Argon2Options _options;
    private readonly ConcurrencyLimiter _gate;
    private readonly Lazy<PhcArgon2Hash> _dummy;

    public Argon2PasswordHasher(IOptions<Argon2Options> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _gate = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrency > 0 ? _options.MaxConcurrency : Environment.ProcessorCount,
            QueueLimit = _options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _dummy = new Lazy<PhcArgon2Hash>(() => Compute(
            RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(_options.SaltBytes), _options.MemoryKiB,
            _options.Iterations, _options.Parallelism, _options.HashBytes));
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(_options.SaltBytes);
        using var lease = await EnterAsync(cancellationToken);
        return Compute(Encode(password), salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, _options.HashBytes)
            .ToString();
    }

    public async Task<PasswordVerification> VerifyAsync(string passwordHash, string password, CancellationToken cancellationToken)
    {
        if (!PhcArgon2Hash.TryParse(passwordHash, out var stored))
        {
            return PasswordVerification.Failed;
        }

        PhcArgon2Hash computed;
        using (await EnterAsync(cancellationToken))
        {
            computed = Compute(Encode(password), stored!.Salt, stored.MemoryKiB, stored.Iterations, stored.Parallelism, stored.Hash.Length);
        }

        if (!CryptographicOperations.FixedTimeEquals(computed.Hash, stored.Hash))
        {
            return PasswordVerification.Failed;
        }

        var weaker = stored.MemoryKiB < _options.MemoryKiB
            || stored.Iterations < _options.Iterations
            || stored.Hash.Length < _options.HashBytes
            || stored.Salt.Length < _options.SaltBytes;
        return weaker ? PasswordVerification.SucceededRehashNeeded : PasswordVerification.Succeeded;
    }

    public async Task SimulateVerifyAsync(string password, CancellationToken cancellationToken)
    {
        var dummy = _dummy.Value;
        using var lease = await EnterAsync(cancellationToken);
        var computed = Compute(Encode(password), dummy.Salt, dummy.MemoryKiB, dummy.Iterations, dummy.Parallelism, dummy.Hash.Length);
        CryptographicOperations.FixedTimeEquals(computed.Hash, dummy.Hash);
    }

    public void Dispose() => _gate.Dispose();

    private static byte[] Encode(string password) => Encoding.UTF8.GetBytes(PasswordPolicy.Normalize(password));

    private static PhcArgon2Hash Compute(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int hashBytes)
    {
        using var argon2 = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return new PhcArgon2Hash(memoryKiB, iterations, parallelism, salt, argon2.GetBytes(hashBytes));
    }

    private async Task<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _gate.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        return lease;
    }
}
