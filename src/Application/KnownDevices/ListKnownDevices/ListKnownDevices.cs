using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.KnownDevices.ListKnownDevices;

/// <summary>The signed-in user's known devices, most recently used first (<c>GET /auth/devices</c>).</summary>
public sealed record ListKnownDevicesQuery(CurrentSession Caller) : IRequest<Result<IReadOnlyList<KnownDeviceDto>>>;

public sealed class ListKnownDevicesQueryHandler(IAuthDbContext db)
    : IRequestHandler<ListKnownDevicesQuery, Result<IReadOnlyList<KnownDeviceDto>>>
{
    public async Task<Result<IReadOnlyList<KnownDeviceDto>>> Handle(ListKnownDevicesQuery request, CancellationToken cancellationToken)
    {
        var devices = db.KnownDevices.Where(d => d.UserId == request.Caller.UserId).OrderByDescending(d => d.LastUsedAt);
        return Result<IReadOnlyList<KnownDeviceDto>>.From(await KnownDeviceDto.Project(devices).ToListAsync(cancellationToken));
    }
}
