using Auth.Domain.KnownDevices;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDevice>
{
    public void Configure(EntityTypeBuilder<KnownDevice> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("KnownDevices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.UserId);
        builder.Property(d => d.TokenHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.HasIndex(d => d.LastUsedAt); // retention: idle ones are forgotten
        builder.Property(d => d.UserAgent).HasMaxLength(KnownDevice.MaxUserAgentLength);
        builder.Ignore(d => d.ThrottleKey);
    }
}
