using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security.Tfa;

/// <summary>
/// The master keys behind TOTP-secret encryption and code hashing. Each master key yields two independent subkeys
/// (HKDF-SHA256 with different labels), so one key serves both purposes without reusing key material.
/// </summary>
public sealed class TfaKeyRing
{
    public const int KeyBytes = 32;
    private static readonly byte[] EncryptionLabel = Encoding.ASCII.GetBytes("auth/tfa/secret-encryption/v1");
    private static readonly byte[] HashingLabel = Encoding.ASCII.GetBytes("auth/tfa/code-hashing/v1");
    private static readonly byte[] FingerprintLabel = Encoding.ASCII.GetBytes("auth/key-fingerprint/v1");

    private readonly Dictionary<string, (byte[] Encryption, byte[] Hashing)> _keys = new(StringComparer.Ordinal);
    private readonly List<byte[]> _masters = [];
    private readonly List<string> _keyIds = [];

    public TfaKeyRing(IOptions<TfaSecretOptions> options, IHostEnvironment environment, ILogger<TfaKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = options.Value.SecretKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key)).ToList();
        if (configured.Count == 0)
        {
            if (environment.IsProduction())
            {
                throw new ConfigurationException(
                    "No TFA secret key is configured. In Production set Tfa:SecretKeys:0:KeyId and Tfa:SecretKeys:0:Key " +
                    "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
            }

            configured = [LoadOrCreateDevelopmentKey(Path.Combine(environment.ContentRootPath, options.Value.DevelopmentKeyDirectory), logger)];
        }

        for (var i = 0; i < configured.Count; i++)
        {
            var (keyId, master) = Parse(configured[i], i);
            _masters.Add(master);
            _keyIds.Add(keyId);
            if (!_keys.TryAdd(keyId, (Derive(master, EncryptionLabel), Derive(master, HashingLabel))))
            {
                throw new ConfigurationException($"Tfa:SecretKeys has two keys with the KeyId '{keyId}'.");
            }

        }

        CurrentKeyId = Parse(configured[0], 0).KeyId;
    }

    public string CurrentKeyId { get; }

    public byte[]? EncryptionKey(string keyId) => _keys.TryGetValue(keyId, out var k) ? k.Encryption : null;

    public byte[]? HashingKey(string keyId) => _keys.TryGetValue(keyId, out var k) ? k.Hashing : null;

    /// <summary>
    /// Each key's id and a fingerprint that tells keys apart without revealing them (a subkey derived for no other
    /// use), for the check that every node has the keys the database has seen.
    /// </summary>
    public IReadOnlyList<(string KeyId, byte[] Fingerprint)> Fingerprints() =>
        _keyIds.Select((id, i) => (id, Derive(_masters[i], FingerprintLabel))).ToList();

    /// <summary>
    /// A key for another purpose derived from each master key (current first), e.g. the OpenID Connect provider's
    /// encryption of authorization codes and refresh tokens; independent of the TFA subkeys by its label.
    /// </summary>
    public IReadOnlyList<byte[]> DeriveKeys(string label)
    {
        var info = Encoding.ASCII.GetBytes(label);
        return _masters.Select(master => Derive(master, info)).ToList();
    }

    private static byte[] Derive(byte[] master, byte[] label) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, KeyBytes, info: label);

    private static (string KeyId, byte[] Key) Parse(TfaSecretKeyOptions key, int index)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key.Key);
        }
        catch (FormatException)
        {
            throw new ConfigurationException($"Tfa:SecretKeys:{index}:Key is not base64.");
        }

        if (bytes.Length != KeyBytes || string.IsNullOrWhiteSpace(key.KeyId))
        {
            throw new ConfigurationException($"Tfa:SecretKeys:{index} needs a KeyId and a Key of exactly {KeyBytes} bytes.");
        }

        return (key.KeyId, bytes);
    }

    private static TfaSecretKeyOptions LoadOrCreateDevelopmentKey(string directory, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "development-tfa.key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            logger.LogWarning("Generated a development TFA secret key in {KeyDirectory}; never use it in production", directory);
        }

        return new TfaSecretKeyOptions { KeyId = "development", Key = File.ReadAllText(file).Trim() };
    }
}
