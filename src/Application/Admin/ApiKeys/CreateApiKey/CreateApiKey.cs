using System.Buffers.Text;
using System.Security.Cryptography;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Domain.ApiKeys;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys.CreateApiKey;

/// <summary>Creates an API key; only an administrator's own session, freshly authenticated (or with the password), can.</summary>
public sealed record CreateApiKeyCommand(CurrentSession Caller, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, string? Password = null)
    : IRequest<Result<CreatedApiKeyDto>>
{
    public override string ToString() => nameof(CreateApiKeyCommand);
}

/// <summary>A new key with its secret, shown this once.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"{nameof(CreatedApiKeyDto)} {{ Id = {Id}, Prefix = {Prefix} }}";
}

public sealed class CreateApiKeyCommandHandler(IAuthDbContext db, Reauthentication reauthentication, AuditTrail audit, TimeProvider time)
    : IRequestHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async Task<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var actor = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (actor is null)
        {
            return UserErrors.NotFound;
        }

        var fresh = await reauthentication.RequireAsync(actor, request.Caller, request.Password, cancellationToken);
        if (!fresh.IsSuccess)
        {
            return fresh.Error!;
        }

        var secret = ApiKey.Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var displayPrefix = secret[..(ApiKey.Prefix.Length + 6)];
        var key = ApiKey.Issue(request.Name, request.Scopes, displayPrefix, OpaqueToken.HashOf(secret), request.ExpiresAt, actor.Id, time.GetUtcNow());
        db.ApiKeys.Add(key);
        audit.Success(AuditEventTypes.ApiKeyCreated, null, key.Id.ToString(), actor.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, secret, displayPrefix, key.Scopes.ToList(), key.ExpiresAt);
    }
}
