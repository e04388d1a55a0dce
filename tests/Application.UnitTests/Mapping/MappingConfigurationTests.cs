using Auth.Application.Sessions;
using Auth.Application.Users;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auth.Application.UnitTests.Mapping;

public sealed class MappingConfigurationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static MapperConfiguration Configuration() =>
        new(cfg => cfg.AddMaps(typeof(UserProfile).Assembly), NullLoggerFactory.Instance);

    [Test]
    public void Configuration_IsValid() => Configuration().AssertConfigurationIsValid();

    [Test]
    public void User_MapsToUserDto()
    {
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", Now);

        var dto = Configuration().CreateMapper().Map<UserDto>(user);

        Assert.That(dto, Is.EqualTo(new UserDto(user.Id, "ada@example.com", "Ada", false, Now)));
    }

    [Test]
    public void Session_MapsToSessionDto_MarkingOnlyTheCurrentOne()
    {
        var mapper = Configuration().CreateMapper();
        var hash = new byte[RefreshToken.HashLength];
        var session = Session.Start(Guid.NewGuid(), ["pwd"], "agent", "10.0.0.1", hash, SessionLifetime.Default, Now);

        var current = mapper.Map<SessionDto>(session, o => o.Items[SessionProfile.CurrentSessionIdKey] = session.Id);
        var other = mapper.Map<SessionDto>(session, o => o.Items[SessionProfile.CurrentSessionIdKey] = Guid.NewGuid());

        Assert.That(current.Current, Is.True);
        Assert.That(other.Current, Is.False);
        Assert.That(current.UserAgent, Is.EqualTo("agent"));
        Assert.That(current.IpAddress, Is.EqualTo("10.0.0.1"));
    }
}
