using Auth.Application.Sessions;
using Auth.Application.Users;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.UnitTests.Mapping;

/// <summary>The response DTOs' projections (see ADR 0007), run over in-memory sets; the HTTP tests run them in SQL.</summary>
public sealed class ProjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly User Ada = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", Now);

    private static UserDto Project(params Device[] devices) =>
        UserDto.Project(new[] { Ada }.AsQueryable(), devices.AsQueryable()).Single();

    [Test]
    public void User_MapsToUserDto()
    {
        var dto = Project();

        Assert.That(dto, Is.EqualTo(new UserDto(Ada.Id, "ada@example.com", false, "Ada", false, Now)));
        Assert.That(UserDto.From(Ada, tfaEnabled: false), Is.EqualTo(dto));
    }

    [Test]
    public void TfaEnabled_IsDerived_FromAnActiveDevice_NotAPendingOne()
    {
        var pending = Device.EnrollEmail(Ada.Id, Now);
        var active = Device.EnrollEmail(Ada.Id, Now);
        active.Activate(Now);
        var someoneElses = Device.EnrollEmail(Guid.NewGuid(), Now);
        someoneElses.Activate(Now);

        Assert.Multiple(() =>
        {
            Assert.That(Project(pending, someoneElses).TfaEnabled, Is.False);
            Assert.That(Project(pending, active).TfaEnabled, Is.True);
        });
    }

    [Test]
    public void Session_MapsToSessionDto_MarkingOnlyTheCurrentOne()
    {
        var hash = new byte[RefreshToken.HashLength];
        var session = Session.Start(Guid.NewGuid(), ["pwd"], "agent", "10.0.0.1", hash, SessionLifetime.Default, Now);
        var sessions = new[] { session }.AsQueryable();

        var current = SessionDto.Project(sessions, session.Id).Single();
        var other = SessionDto.Project(sessions, Guid.NewGuid()).Single();

        Assert.That(current.Current, Is.True);
        Assert.That(other.Current, Is.False);
        Assert.That(current.UserAgent, Is.EqualTo("agent"));
        Assert.That(current.IpAddress, Is.EqualTo("10.0.0.1"));
    }
}
