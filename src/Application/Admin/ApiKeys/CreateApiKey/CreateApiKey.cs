using System.Buffers.Text;
using System.Security.Cryptography;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Domain.ApiKeys;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Admin.ApiKeys.CreateApiKey;

public sealed record CreateApiKeyCommand(Guid? ActorId, string Name, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt)
    : IRequest<Result<CreatedApiKeyDto>>;

/// <summary>A new key with its secret, shown this once.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, string Prefix, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"{nameof(CreatedApiKeyDto)} {{ Id = {Id}, Prefix = {Prefix} }}";
}

public sealed class CreateApiKeyCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
    : IRequestHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async Task<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var secret = ApiKey.Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var displayPrefix = secret[..(ApiKey.Prefix.Length + 6)];
        var key = ApiKey.Issue(request.Name, request.Roles, displayPrefix, OpaqueToken.HashOf(secret), request.ExpiresAt, request.ActorId, time.GetUtcNow());
        db.ApiKeys.Add(key);
        audit.Success(AuditEventTypes.ApiKeyCreated, null, key.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, secret, displayPrefix, key.Roles.ToList(), key.ExpiresAt);
    }
}
