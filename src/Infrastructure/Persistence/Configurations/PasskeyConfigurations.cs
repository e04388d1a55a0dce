using Auth.Domain.Passkeys;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    public void Configure(EntityTypeBuilder<Passkey> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Passkeys");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.UserId);

        // One credential belongs to one account, whoever tries to register it again (WebAuthn § 7.1 step 26).
        builder.Property(p => p.CredentialId).HasMaxLength(Passkey.MaxCredentialIdLength).IsRequired();
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.Property(p => p.PublicKey).HasMaxLength(2048).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(Passkey.MaxNameLength).IsRequired();
        builder.Property(p => p.Transports).HasMaxLength(200);
        builder.Ignore(p => p.IsSynced);
        builder.Ignore(p => p.TransportList);
    }
}

public sealed class PasskeyCeremonyConfiguration : IEntityTypeConfiguration<PasskeyCeremony>
{
    public void Configure(EntityTypeBuilder<PasskeyCeremony> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PasskeyCeremonies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasMaxLength(4000).IsRequired();
        builder.HasIndex(c => c.ExpiresAt);
    }
}
