using Auth.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class QueuedAccountRequestConfiguration : IEntityTypeConfiguration<QueuedAccountRequest>
{
    public void Configure(EntityTypeBuilder<QueuedAccountRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AccountRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.Property(r => r.Email).HasMaxLength(254).IsRequired();
        builder.Property(r => r.CallerIp).HasMaxLength(45).IsUnicode(false);
        builder.Property(r => r.CallerUserAgent).HasMaxLength(512);

        // The claim is a conditional UPDATE on it; deleting the row commits with the work it caused.
        builder.Property(r => r.ClaimedUntil).IsConcurrencyToken();
        builder.HasIndex(r => r.CreatedAt);
    }
}
