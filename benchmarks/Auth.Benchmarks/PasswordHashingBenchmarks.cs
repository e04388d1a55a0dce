using Auth.Infrastructure.Security.Passwords;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace Auth.Benchmarks;

/// <summary>What one sign-up or login costs in Argon2id at the shipped defaults (m=19456 KiB, t=2, p=1), per engine.</summary>
[MemoryDiagnoser]
public class PasswordHashingBenchmarks
{
    [Params(Argon2Engine.Native, Argon2Engine.Managed)]
    public Argon2Engine Engine { get; set; }

    private Argon2PasswordHasher _hasher = null!;
    private string _hash = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new Argon2PasswordHasher(Options.Create(new Argon2Options { Engine = Engine }));
        _hash = _hasher.HashAsync("correct horse battery staple", CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _hasher.Dispose();

    [Benchmark]
    public Task<string> Hash() => _hasher.HashAsync("correct horse battery staple", CancellationToken.None);

    [Benchmark]
    public Task Verify() => _hasher.VerifyAsync(_hash, "correct horse battery staple", CancellationToken.None);
}
