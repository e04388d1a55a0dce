using System.Text;
using System.Xml.Linq;
using Auth.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Security.DataProtection;

/// <summary>
/// Seals each ASP.NET Core Data Protection key (the keys behind page cookies and antiforgery tokens) with the service's
/// own key ring (<see cref="ISecretProtector"/>: AES-256-GCM under <c>Tfa:SecretKeys</c>) before it is stored, so the
/// shared key ring in the database holds no key in plaintext. Every node needs the same <c>Tfa:SecretKeys</c>, as it
/// already does to read TOTP secrets.
/// </summary>
public sealed class SealedDataProtectionKeys(ISecretProtector protector) : IXmlEncryptor
{
    internal const string Element = "sealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var id = Guid.NewGuid().ToString("N");
        var sealedKey = protector.Protect(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), SecretContexts.DataProtectionKey(id));
        return new EncryptedXmlInfo(
            new XElement(Element, new XAttribute("id", id), new XAttribute("keyId", sealedKey.KeyId), Convert.ToBase64String(sealedKey.Ciphertext)),
            typeof(Opener));
    }

    /// <summary>Opens a sealed key; Data Protection creates it by type, with the service provider.</summary>
    public sealed class Opener(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            ArgumentNullException.ThrowIfNull(encryptedElement);
            var protector = services.GetRequiredService<ISecretProtector>();
            var id = (string?)encryptedElement.Attribute("id") ?? throw new InvalidOperationException("A sealed key has no id.");
            var keyId = (string?)encryptedElement.Attribute("keyId") ?? throw new InvalidOperationException("A sealed key names no key.");
            var plaintext = protector.Unprotect(new ProtectedSecret(keyId, Convert.FromBase64String(encryptedElement.Value)), SecretContexts.DataProtectionKey(id));
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
    }
}
