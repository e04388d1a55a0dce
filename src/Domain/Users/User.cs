namespace Auth.Domain.Users;

public sealed class User
{
    public const int MaxFullNameLength = 200;

    private readonly List<string> _roles = [];

    private User()
    {
        Email = null!;
        NormalizedEmail = null!;
        FullName = null!;
        NormalizedFullName = null!;
        PasswordHash = null!;
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; }

    public string NormalizedEmail { get; private set; }

    public string FullName { get; private set; }

    /// <summary>The name as search compares it (<see cref="NormalizeName"/>), indexed so a prefix finds it.</summary>
    public string NormalizedFullName { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset PasswordChangedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    public IReadOnlyList<string> Roles => _roles;

    /// <summary>Set while an administrator has disabled the account: it cannot sign in.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>When the owner proved the mailbox (a verification or password-reset link); null until then.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public bool IsEmailVerified => EmailVerifiedAt is not null;

    /// <summary>
    /// Changes whenever the account's security changes (disabled, password, second factor, roles, signed out
    /// everywhere). It is a concurrency token, and every sign-in writes the user row, so a sign-in that was checked
    /// before such a change cannot commit after it.
    /// </summary>
    public Guid SecurityStamp { get; private set; }

    /// <summary>
    /// Consecutive wrong second factors, across password changes and resets (unlike the login name's throttle): only a
    /// completed sign-in or an administrator clears it. Counted atomically in the database, like the throttle.
    /// </summary>
    public int SecondFactorFailures { get; private set; }

    public void Disable(DateTimeOffset now)
    {
        DisabledAt ??= now;
        InvalidateSignIns();
    }

    public void Enable() => DisabledAt = null;

    /// <summary>Stores the canonical spelling of the same mailbox (an address written before canonicalisation).</summary>
    public void UseCanonicalEmail(EmailAddress canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (!string.Equals(EmailAddress.Normalize(Email), canonical.Normalized, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Only the spelling of the address may change here, not the mailbox.");
        }

        Email = canonical.Value;
        NormalizedEmail = canonical.Normalized;
    }

    public void VerifyEmail(DateTimeOffset now)
    {
        EmailVerifiedAt ??= now;
        InvalidateSignIns();
    }

    /// <summary>Sign-ins in flight (checked but not yet committed) fail; the caller ends sessions and challenges.</summary>
    public void InvalidateSignIns() => SecurityStamp = Guid.NewGuid();

    public static User Register(EmailAddress email, string fullName, string passwordHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);

        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            NormalizedEmail = email.Normalized,
            FullName = fullName.Trim(),
            NormalizedFullName = NormalizeName(fullName),
            PasswordHash = passwordHash,
            CreatedAt = now,
            PasswordChangedAt = now,
            SecurityStamp = Guid.NewGuid(),
        };
        user._roles.Add(Users.Roles.User);
        return user;
    }

    public void RecordLogin(DateTimeOffset now) => LastLoginAt = now;

    /// <summary>Fills <see cref="NormalizedFullName"/> for an account stored before the column existed.</summary>
    public void NormalizeStoredName() => NormalizedFullName = NormalizeName(FullName);

    /// <summary>A name, or the start of one, as search compares it: trimmed, NFKC, upper case (invariant culture).</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        try
        {
            return trimmed.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            // Not well-formed Unicode (a lone surrogate): compared as typed.
            return trimmed.ToUpperInvariant();
        }
    }

    /// <summary>Replaces the roles; every user keeps the <c>user</c> role.</summary>
    public void SetRoles(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var wanted = roles.Append(Users.Roles.User).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!wanted.SequenceEqual(_roles))
        {
            InvalidateSignIns();
        }

        _roles.Clear();
        _roles.AddRange(wanted);
    }

    /// <summary>Replaces the hash of the same password with one made under stronger parameters.</summary>
    public void UpgradePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        InvalidateSignIns();
    }
}
