using Auth.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class KeyFingerprintConfiguration : IEntityTypeConfiguration<KeyFingerprint>
{
    public void Configure(EntityTypeBuilder<KeyFingerprint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("KeyFingerprints");
        builder.HasKey(k => new { k.Purpose, k.KeyId });
        builder.Property(k => k.Purpose).HasMaxLength(32).IsUnicode(false);
        builder.Property(k => k.KeyId).HasMaxLength(128).IsUnicode(false);
        builder.Property(k => k.Fingerprint).HasMaxLength(32).IsRequired();
    }
}
