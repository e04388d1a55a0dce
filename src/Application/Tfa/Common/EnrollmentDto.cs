namespace Auth.Application.Tfa.Common;

/// <summary>What an authenticator app needs to enroll. Shown at enrollment only; it contains the TOTP secret.</summary>
public sealed record EnrollmentDto(string Secret, string OtpauthUri, string QrPngBase64)
{
    public override string ToString() => nameof(EnrollmentDto);
}

/// <summary>The outcome of starting an enrollment: for a code generator, the secret as data and as a QR PNG.</summary>
public sealed record EnrollmentResult(Domain.Tfa.DeviceType DeviceType, EnrollmentDto? Enrollment, byte[]? QrPng)
{
    public override string ToString() => $"{nameof(EnrollmentResult)} {{ DeviceType = {DeviceType} }}";
}

public sealed record BackupTokensDto(IReadOnlyList<string> BackupTokens)
{
    public override string ToString() => $"{nameof(BackupTokensDto)} {{ Count = {BackupTokens.Count} }}";
}
