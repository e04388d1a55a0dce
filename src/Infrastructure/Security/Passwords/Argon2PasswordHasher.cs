using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id (RFC 9106) in the PHC string format. Hashes are computed by the configured engine (libargon2 or libsodium by default,
/// Konscious where a stored hash's parameters need it) on <see cref="PasswordHashingWorkers"/>, never on the request's
/// thread: a login flood waits in a short queue and is then shed with a 503 while other requests keep their pace.
/// </summary>
public sealed class Argon2PasswordHasher : IPasswordHasher, IDisposable
{
    private readonly Argon2Options _options;
    private readonly IArgon2Engine _engine;
    private readonly ManagedArgon2Engine _portable = new();
    private readonly PasswordHashingWorkers _workers;
    private readonly Lazy<PhcArgon2Hash> _dummy;

    public Argon2PasswordHasher(IOptions<Argon2Options> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _engine = _options.Engine == Argon2Engine.Native ? NativeEngine() : _portable;
        _workers = new PasswordHashingWorkers(
            _options.SteadyHashingThreads, _options.IdleHashingThreads, _options.QueueLimit, PasswordHashingWorkers.ThreadPoolHasWaitingWork);
        _dummy = new Lazy<PhcArgon2Hash>(() => Compute(
            RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(_options.SaltBytes), _options.MemoryKiB,
            _options.Iterations, _options.Parallelism, _options.HashBytes));
    }

    /// <summary>The native engine: libargon2 where the machine has it, else libsodium (shipped with NSec).</summary>
    public static IArgon2Engine NativeEngine() => LibArgon2Engine.TryCreate() ?? (IArgon2Engine)new NativeArgon2Engine();

    public IDisposable? TryReserve() => _workers.TryReserve();

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        var encoded = Encode(password);
        var salt = RandomNumberGenerator.GetBytes(_options.SaltBytes);
        var hash = await _workers.RunAsync(
            () => Compute(encoded, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, _options.HashBytes),
            cancellationToken);
        return hash.ToString();
    }

    public async Task<PasswordVerification> VerifyAsync(string passwordHash, string password, CancellationToken cancellationToken)
    {
        if (!PhcArgon2Hash.TryParse(passwordHash, out var stored))
        {
            return PasswordVerification.Failed;
        }

        var encoded = Encode(password);
        var computed = await _workers.RunAsync(
            () => Compute(encoded, stored!.Salt, stored.MemoryKiB, stored.Iterations, stored.Parallelism, stored.Hash.Length),
            cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(computed.Hash, stored!.Hash))
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
        var encoded = Encode(password);
        await _workers.RunAsync(
            () =>
            {
                var dummy = _dummy.Value;
                var computed = Compute(encoded, dummy.Salt, dummy.MemoryKiB, dummy.Iterations, dummy.Parallelism, dummy.Hash.Length);
                return CryptographicOperations.FixedTimeEquals(computed.Hash, dummy.Hash);
            },
            cancellationToken);
    }

    public void Dispose() => _workers.Dispose();

    private static byte[] Encode(string password) => Encoding.UTF8.GetBytes(PasswordPolicy.Normalize(password));

    private PhcArgon2Hash Compute(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int hashBytes)
    {
        var engine = _engine.Supports(parallelism, salt.Length) ? _engine : _portable;
        var output = new byte[hashBytes];
        try
        {
            engine.Derive(password, salt, memoryKiB, iterations, parallelism, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }

        return new PhcArgon2Hash(memoryKiB, iterations, parallelism, salt, output);
    }
}
