using System.Security.Cryptography;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.Security.Tokens;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Benchmarks;

/// <summary>Signing an access token (per login/refresh) and validating one (per authenticated request), RS256 vs ES256.</summary>
[MemoryDiagnoser]
public class AccessTokenBenchmarks
{
    private JwtAccessTokenIssuer _issuer = null!;
    private TokenValidationParameters _validation = null!;
    private readonly JsonWebTokenHandler _handler = new();
    private User _user = null!;
    private Session _session = null!;
    private string _token = null!;

    [Params(SigningAlgorithms.RS256, SigningAlgorithms.ES256)]
    public string Algorithm { get; set; } = SigningAlgorithms.RS256;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new JwtOptions
        {
            SigningKeys = [new SigningKeyOptions { KeyId = "bench", Algorithm = Algorithm, Pem = SigningKeyRing.CreatePem(Algorithm) }],
        });
        var ring = new SigningKeyRing(options, new BenchmarkEnvironment(), NullLogger<SigningKeyRing>.Instance);
        _issuer = new JwtAccessTokenIssuer(ring, options, TimeProvider.System);
        _validation = AccessTokenValidation.Create(options.Value, ring, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        _user = User.Register(EmailAddress.Create("bench@example.com"), "Bench", "hash", now);
        _session = Session.Start(_user.Id, ["pwd"], null, null, RandomNumberGenerator.GetBytes(32), SessionLifetime.Default, now);
        _token = _issuer.Issue(_user, _session).Token;
    }

    [Benchmark]
    public string Issue() => _issuer.Issue(_user, _session).Token;

    [Benchmark]
    public async Task<bool> Validate() => (await _handler.ValidateTokenAsync(_token, _validation)).IsValid;

    private sealed class BenchmarkEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";

        public string ApplicationName { get; set; } = "Auth.Benchmarks";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
