namespace Auth.Application.Common.Interfaces;

/// <summary>RFC 6238 TOTP (SHA-1, 6 digits, 30-second steps) for authenticator apps.</summary>
public interface ITotpService
{
    /// <summary>A new 160-bit secret from a cryptographic random source.</summary>
    byte[] GenerateSecret();

    string ToBase32(byte[] secret);

    /// <summary>The <c>otpauth://</c> URI an authenticator app enrolls from (shown as a QR code).</summary>
    string BuildOtpAuthUri(string accountName, byte[] secret);

    /// <summary>The time step the code matches within the allowed window around <paramref name="now"/>, or null.</summary>
    long? MatchTimeStep(byte[] secret, string code, DateTimeOffset now);
}
