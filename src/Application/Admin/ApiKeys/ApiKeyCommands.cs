using System.Buffers.Text;
using System.Security.Cryptography;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Domain.ApiKeys;
using Auth.Domain.Common;
using Auth.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys;

public sealed record ApiKeyDto(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>A new key with its secret, shown this once.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, string Prefix, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"{nameof(CreatedApiKeyDto)} {{ Id = {Id}, Prefix = {Prefix} }}";
}

public sealed record CreateApiKeyCommand(Guid? ActorId, string Name, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt)
    : IRequest<Result<CreatedApiKeyDto>>;

public sealed record ListApiKeysQuery : IRequest<Result<IReadOnlyList<ApiKeyDto>>>;

public sealed record RevokeApiKeyCommand(Guid? ActorId, Guid KeyId) : IRequest<Result<Success>>;

/// <summary>What an API key proves: its id, name and roles.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Roles);

public static class ApiKeyErrors
{
    public static readonly Error NotFound = Error.NotFound("api_key.not_found", "No such API key.");
}

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.Name).NotEmpty().WithErrorCode("name.required").WithMessage("A name is required.")
            .MaximumLength(ApiKey.MaxNameLength).WithErrorCode("name.too_long").WithMessage($"The name must be at most {ApiKey.MaxNameLength} characters.");
        RuleFor(c => c.Roles).NotEmpty().WithErrorCode("roles.required").WithMessage("At least one role is required.");
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithErrorCode("roles.unknown")
            .WithMessage($"Known roles: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > time.GetUtcNow()).WithErrorCode("expires_at.past")
            .WithMessage("expires_at must be in the future.");
    }
}

public sealed class ApiKeyHandlers(IAuthDbContext db, AuditTrail audit, TimeProvider time) :
    IRequestHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>,
    IRequestHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>,
    IRequestHandler<RevokeApiKeyCommand, Result<Success>>
{
    public async Task<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var secret = ApiKey.Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var displayPrefix = secret[..(ApiKey.Prefix.Length + 6)];
        var key = ApiKey.Issue(request.Name, request.Roles, displayPrefix, OpaqueToken.HashOf(secret), request.ExpiresAt, request.ActorId, time.GetUtcNow());
        db.ApiKeys.Add(key);
        audit.Success("admin.api_key_created", null, key.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, secret, displayPrefix, key.Roles.ToList(), key.ExpiresAt);
    }

    public async Task<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<ApiKeyDto>>.From(keys
            .Select(k => new ApiKeyDto(k.Id, k.Name, k.DisplayPrefix, k.Roles.ToList(), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .ToList());
    }

    public async Task<Result<Success>> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.KeyId, cancellationToken);
        if (key is null)
        {
            return ApiKeyErrors.NotFound;
        }

        key.Revoke(time.GetUtcNow());
        audit.Success("admin.api_key_revoked", null, key.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}

/// <summary>Checks a presented key (by hash; the key has 256 random bits) and records its use at most once a minute.</summary>
public sealed class ApiKeyAuthenticator(IAuthDbContext db, TimeProvider time)
{
    private static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || presented.Length > 128)
        {
            return null;
        }

        var hash = OpaqueToken.HashOf(presented);
        var now = time.GetUtcNow();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null || !key.IsUsable(now))
        {
            return null;
        }

        if (key.LastUsedAt is not { } last || now - last >= UseRecordingInterval)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.Name, key.Roles.ToList());
    }
}
