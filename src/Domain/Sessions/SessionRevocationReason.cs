namespace Auth.Domain.Sessions;

public enum SessionRevocationReason
{
    Logout,
    RevokedByUser,
    PasswordChanged,
    RefreshTokenReuse,
    TfaDisabled,
    PasswordReset,
    RevokedByAdmin,
    TfaEnabled,
    RolesChanged,
    PasskeyRemoved,
}
