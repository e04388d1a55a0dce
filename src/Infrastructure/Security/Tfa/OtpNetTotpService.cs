using System.Security.Cryptography;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Auth.Infrastructure.Security.Tfa;

public enum TotpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
}

/// <summary>RFC 6238 TOTP through Otp.NET: SHA-1, 6 digits, 30-second steps, as every authenticator app expects.</summary>
public sealed class OtpNetTotpService(IOptions<TfaOptions> options) : ITotpService
{
    public const int SecretBytes = 20;
    public const int Digits = 6;
    public const int StepSeconds = 30;

    public byte[] GenerateSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public string BuildOtpAuthUri(string accountName, byte[] secret)
    {
        var issuer = Uri.EscapeDataString(options.Value.Issuer);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(accountName)}?secret={ToBase32(secret)}&issuer={issuer}"
            + $"&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }

    /// <summary>
    /// Only the previous and next steps are tried besides the current one (window 1 by default): enough for a phone
    /// whose clock is 30 s off, while a guesser gets 3 chances in a million per attempt, not more.
    /// </summary>
    public long? MatchTimeStep(byte[] secret, string code, DateTimeOffset now)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var window = options.Value.TotpWindow;
        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(window, window)) ? step : null;
    }

    /// <summary>The code for any algorithm and length; used to check the RFC 6238 Appendix B vectors.</summary>
    public static string Compute(byte[] secret, DateTimeOffset at, TotpAlgorithm algorithm, int digits)
    {
        var mode = algorithm switch
        {
            TotpAlgorithm.Sha256 => OtpHashMode.Sha256,
            TotpAlgorithm.Sha512 => OtpHashMode.Sha512,
            _ => OtpHashMode.Sha1,
        };
        return new Totp(secret, StepSeconds, mode, digits).ComputeTotp(at.UtcDateTime);
    }
}
