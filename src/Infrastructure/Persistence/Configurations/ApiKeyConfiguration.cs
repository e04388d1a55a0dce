using Auth.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength).IsRequired();
        builder.Property(k => k.DisplayPrefix).HasMaxLength(16).IsUnicode(false).IsRequired();
        builder.Property(k => k.KeyHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.PrimitiveCollection(k => k.Scopes).HasField("_scopes").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
