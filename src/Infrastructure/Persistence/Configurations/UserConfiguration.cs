using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.Property(u => u.NormalizedEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.FullName).HasMaxLength(User.MaxFullNameLength).IsRequired();

        // Search: an address or name prefix is a range on these indexes (binary order on every provider, see the
        // provider contexts), read in the index's order; the whole list pages through (CreatedAt, Id).
        builder.Property(u => u.NormalizedFullName).HasMaxLength(User.MaxFullNameLength).IsRequired().HasDefaultValue(string.Empty);
        builder.HasIndex(u => new { u.NormalizedFullName, u.Id });
        builder.HasIndex(u => new { u.CreatedAt, u.Id });
        builder.Property(u => u.PasswordHash).HasMaxLength(256).IsRequired().IsUnicode(false);
        builder.PrimitiveCollection(u => u.Roles).HasField("_roles").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(u => u.IsDisabled);
        builder.Ignore(u => u.IsEmailVerified);
        builder.Property(u => u.SecurityStamp).IsConcurrencyToken();
    }
}

public sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.LoginKey);
        builder.Property(t => t.LoginKey).HasMaxLength(EmailAddress.MaxLength);
    }
}

public sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AccountTokens");
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.TokenHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.ExpiresAt); // retention
        builder.Property(t => t.UsedAt).IsConcurrencyToken();
    }
}
