using Auth.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(e => e.Reason).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.ClientIp).HasMaxLength(45).IsUnicode(false);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditEvent.MaxUserAgentLength);
        builder.Property(e => e.ClientId).HasMaxLength(AuditEvent.MaxClientIdLength);

        // Kept after the user is deleted: an audit trail outlives its subject.
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.HasIndex(e => new { e.Type, e.OccurredAt });

        // The unfiltered log, newest first, pages through this; retention deletes by its first column.
        builder.HasIndex(e => new { e.OccurredAt, e.Id });
    }
}
