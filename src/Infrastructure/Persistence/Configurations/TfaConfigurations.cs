using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.UserId);

        // Two-factor authentication is on exactly when a user has an active device, so the database keeps it to one,
        // and activating a device races safely with removing it (enable_tfa replacing a pending enrollment).
        builder.HasIndex(d => d.UserId, "IX_Devices_UserId_Active").IsUnique().HasFilter("[Status] = 'Active'");
        builder.Property(d => d.Status).IsConcurrencyToken();
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(d => d.SecretCiphertext).HasMaxLength(128);
        builder.Property(d => d.SecretKeyId).HasMaxLength(64).IsUnicode(false);
        builder.Property(d => d.LastAcceptedTimeStep).IsConcurrencyToken();
        builder.Ignore(d => d.IsActive);
    }
}

public sealed class BackupTokenConfiguration : IEntityTypeConfiguration<BackupToken>
{
    public void Configure(EntityTypeBuilder<BackupToken> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("BackupTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.TokenHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.Property(t => t.HashKeyId).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(t => t.UsedAt).IsConcurrencyToken();
        builder.Ignore(t => t.IsUsed);
    }
}

public sealed class TfaChallengeConfiguration : IEntityTypeConfiguration<TfaChallenge>
{
    public void Configure(EntityTypeBuilder<TfaChallenge> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("TfaChallenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
        builder.HasIndex(c => c.ExpiresAt); // retention: one a sign-in with a second factor, kept a week
        builder.Property(c => c.EmailCodesSent).IsConcurrencyToken();

        // A challenge closed by a state change (disable, new password, sign-out everywhere) cannot then complete.
        builder.Property(c => c.CompletedAt).IsConcurrencyToken();
    }
}

public sealed class EmailCodeConfiguration : IEntityTypeConfiguration<EmailCode>
{
    public void Configure(EntityTypeBuilder<EmailCode> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("EmailCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.BindingId });
        builder.HasIndex(c => c.ExpiresAt); // retention
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(c => c.CodeHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.Property(c => c.HashKeyId).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(c => c.ConsumedAt).IsConcurrencyToken();
    }
}
