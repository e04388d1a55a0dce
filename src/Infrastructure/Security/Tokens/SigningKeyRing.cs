using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security.Tokens;

/// <summary>The asymmetric keys this service signs with (the first) and verifies with (all), loaded once at start.</summary>
public sealed class SigningKeyRing
{
    public SigningKeyRing(IOptions<JwtOptions> options, IHostEnvironment environment, ILogger<SigningKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var jwt = options.Value;
        var configured = jwt.SigningKeys.Where(k => !string.IsNullOrWhiteSpace(k.Pem) || !string.IsNullOrWhiteSpace(k.PemFile)).ToList();

        if (configured.Count > 0)
        {
            Keys = configured.Select((k, i) => Load(k, environment.ContentRootPath, i)).ToList();
        }
        else if (environment.IsProduction())
        {
            throw new ConfigurationException(
                "No JWT signing key is configured. In Production set Jwt:SigningKeys:0:PemFile (or Jwt__SigningKeys__0__Pem) " +
                "to an RSA (RS256) or P-256 (ES256) private key in PEM form.");
        }
        else
        {
            Keys = [LoadOrCreateDevelopmentKey(jwt, environment.ContentRootPath, logger)];
        }

        if (Keys.Select(k => k.Key.KeyId).Distinct(StringComparer.Ordinal).Count() != Keys.Count)
        {
            throw new ConfigurationException("Jwt:SigningKeys contains two keys with the same KeyId.");
        }
    }

    public IReadOnlyList<SigningKey> Keys { get; }

    public SigningKey Current => Keys[0];

    public IEnumerable<SecurityKey> VerificationKeys => Keys.Select(k => k.Key);

    public static SigningKey FromPem(string pem, string algorithm, string? keyId)
    {
        SecurityKey key = algorithm switch
        {
            SigningAlgorithms.RS256 => LoadRsa(pem),
            SigningAlgorithms.ES256 => LoadEcdsa(pem),
            _ => throw new ConfigurationException(
                $"Signing algorithm '{algorithm}' is not supported; use {string.Join(" or ", SigningAlgorithms.Supported)}."),
        };
        key.KeyId = string.IsNullOrWhiteSpace(keyId)
            ? Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())[..16]
            : keyId;
        return new SigningKey(key, algorithm);
    }

    public static string CreatePem(string algorithm)
    {
        if (algorithm == SigningAlgorithms.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return ec.ExportPkcs8PrivateKeyPem();
        }

        using var rsa = RSA.Create(3072);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static RsaSecurityKey LoadRsa(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048)
        {
            throw new ConfigurationException("RSA signing keys must be at least 2048 bits.");
        }

        return new RsaSecurityKey(rsa);
    }

    private static ECDsaSecurityKey LoadEcdsa(string pem)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        if (ec.KeySize != 256)
        {
            throw new ConfigurationException("ES256 signing keys must be on curve P-256.");
        }

        return new ECDsaSecurityKey(ec);
    }

    private static SigningKey Load(SigningKeyOptions options, string contentRoot, int index)
    {
        try
        {
            var pem = !string.IsNullOrWhiteSpace(options.Pem)
                ? options.Pem
                : File.ReadAllText(Path.Combine(contentRoot, options.PemFile!));
            return FromPem(pem, options.Algorithm, options.KeyId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The message names the setting, never the key material.
            throw new ConfigurationException($"Jwt:SigningKeys:{index} could not be loaded: {ex.GetType().Name}.", ex);
        }
    }

    private static SigningKey LoadOrCreateDevelopmentKey(JwtOptions jwt, string contentRoot, ILogger logger)
    {
        var directory = Path.Combine(contentRoot, jwt.DevelopmentKeyDirectory);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"development-{jwt.DevelopmentKeyAlgorithm.ToLowerInvariant()}.pem");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, CreatePem(jwt.DevelopmentKeyAlgorithm));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            logger.LogWarning("Generated a development {Algorithm} signing key in {KeyDirectory}; never use it in production",
                jwt.DevelopmentKeyAlgorithm, directory);
        }

        return FromPem(File.ReadAllText(file), jwt.DevelopmentKeyAlgorithm, keyId: null);
    }
}

public sealed record SigningKey(SecurityKey Key, string Algorithm)
{
    public SigningCredentials Credentials => new(Key, Algorithm);

    public override string ToString() => $"{nameof(SigningKey)} {{ KeyId = {Key.KeyId}, Algorithm = {Algorithm} }}";
}
