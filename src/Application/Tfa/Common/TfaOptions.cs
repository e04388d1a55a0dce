namespace Auth.Application.Tfa.Common;

public sealed class TfaOptions
{
    public const string SectionName = "Tfa";

    /// <summary>The issuer shown in authenticator apps (<c>otpauth://totp/{Issuer}:{email}</c>).</summary>
    public string Issuer { get; set; } = "Auth";

    /// <summary>TOTP steps accepted either side of the current one (0–2). One tolerates 30 s of clock drift.</summary>
    public int TotpWindow { get; set; } = 1;

    public TimeSpan PreTfaTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan EmailCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public int BackupTokenCount { get; set; } = 10;

    /// <summary>At or below this many unused backup tokens, login responses say how many remain.</summary>
    public int LowBackupTokenWarning { get; set; } = 3;

    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxResends { get; set; } = 5;

    /// <summary>
    /// Consecutive wrong second factors (codes, backup tokens, step-up codes) after which second-factor sign-in stops
    /// until an administrator unlocks; a password change or reset does not clear the count.
    /// </summary>
    public int SecondFactorFailureLimit { get; set; } = 10;

    /// <summary>How long "remember this device" skips the second factor on that device; zero turns the feature off.</summary>
    public TimeSpan RememberDeviceLifetime { get; set; } = TimeSpan.FromDays(30);
}
