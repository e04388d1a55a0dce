using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Domain.Users.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.UserAgent).HasMaxLength(Session.MaxUserAgentLength);
        builder.Property(s => s.IpAddress).HasMaxLength(Session.MaxIpAddressLength).IsUnicode(false);

        // A refresh that read the session before a revocation committed cannot commit after it.
        builder.Property(s => s.RevokedAt).IsConcurrencyToken();
        builder.Property(s => s.AuthenticationMethods).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(s => s.RevocationReason).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.Ignore(s => s.AuthenticationMethodList);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.RevokedAt);

        // Retention finds what expired by index, however many sessions there are (with RevokedAt's, for its OR).
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasMany(s => s.RefreshTokens).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.RefreshTokens).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
