namespace Auth.Infrastructure.Security.Tfa;

public sealed class TfaSecretOptions
{
    public const string SectionName = "Tfa";

    /// <summary>Master keys (32 random bytes, base64). The first protects new secrets; all read existing ones.</summary>
    public List<TfaSecretKeyOptions> SecretKeys { get; set; } = [];

    /// <summary>Outside Production, with no keys configured, one is generated here on first start.</summary>
    public string DevelopmentKeyDirectory { get; set; } = "data/keys";
}

public sealed class TfaSecretKeyOptions
{
    public string KeyId { get; set; } = "";

    /// <summary>Base64 of 32 random bytes, e.g. from <c>openssl rand -base64 32</c>.</summary>
    public string Key { get; set; } = "";

    public override string ToString() => $"{nameof(TfaSecretKeyOptions)} {{ KeyId = {KeyId} }}";
}
