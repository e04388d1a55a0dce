namespace Auth.Domain.Tfa;

/// <summary>How a user proves the second factor: an authenticator app (TOTP) or a code sent by email.</summary>
public enum DeviceType
{
    CodeGenerator,
    Email,
}
