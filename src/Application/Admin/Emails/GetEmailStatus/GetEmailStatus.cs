using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Email;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Emails.GetEmailStatus;

public sealed record GetEmailStatusQuery(Guid MessageId) : IRequest<Result<EmailStatusDto>>;

public sealed class GetEmailStatusQueryHandler(IAuthDbContext db) : IRequestHandler<GetEmailStatusQuery, Result<EmailStatusDto>>
{
    public async Task<Result<EmailStatusDto>> Handle(GetEmailStatusQuery request, CancellationToken cancellationToken)
    {
        var status = await db.OutboxMessages.Where(m => m.Id == request.MessageId).Select(EmailStatusDto.Projection)
            .SingleOrDefaultAsync(cancellationToken);
        return status is null ? EmailErrors.NotFound : status;
    }
}
