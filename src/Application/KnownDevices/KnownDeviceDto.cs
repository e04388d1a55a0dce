using Auth.Domain.KnownDevices;

namespace Auth.Application.KnownDevices;

/// <summary>A device as its owner sees it; never its token.</summary>
public sealed record KnownDeviceDto(Guid Id, string? UserAgent, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset? RememberedUntil)
{
    public static IQueryable<KnownDeviceDto> Project(IQueryable<KnownDevice> devices) =>
        devices.Select(d => new KnownDeviceDto(d.Id, d.UserAgent, d.CreatedAt, d.LastUsedAt, d.RememberedUntil));
}
