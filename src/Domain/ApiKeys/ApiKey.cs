namespace Auth.Domain.ApiKeys;

/// <summary>
/// A credential for a service client (automation): a recognisable prefix plus 256 random bits, shown once and
/// stored only as its SHA-256 hash, with the <see cref="ApiKeyScopes"/> it grants. Revocable; optionally expiring;
/// revoked with its creator when that administrator is disabled or demoted.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "authk_";
    public const int MaxNameLength = 100;

    private readonly List<string> _scopes = [];

    private ApiKey()
    {
        Name = null!;
        DisplayPrefix = null!;
        KeyHash = null!;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The first characters of the key, so people can tell keys apart without seeing them.</summary>
    public string DisplayPrefix { get; private set; }

    public byte[] KeyHash { get; private set; }

    public IReadOnlyList<string> Scopes => _scopes;

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static ApiKey Issue(
        string name, IEnumerable<string> scopes, string displayPrefix, byte[] keyHash, DateTimeOffset? expiresAt, Guid? createdBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scopes);
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            DisplayPrefix = displayPrefix,
            KeyHash = keyHash,
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
        key._scopes.AddRange(scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return key;
    }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
