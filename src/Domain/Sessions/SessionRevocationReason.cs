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

    /// <summary>The first proof of a never-verified mailbox ended what the registrant had set up.</summary>
    EmailVerified,
}
