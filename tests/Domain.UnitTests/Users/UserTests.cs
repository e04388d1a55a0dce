using Auth.Domain.Users;

namespace Auth.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Register_GivesTheUserRole()
    {
        var user = User.Register(EmailAddress.Create("Ada@Example.com"), "  Ada  ", "$argon2id$hash", Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.Roles, Is.EqualTo(new[] { Roles.User }));
            Assert.That(user.FullName, Is.EqualTo("Ada"));
            Assert.That(user.NormalizedEmail, Is.EqualTo("ADA@EXAMPLE.COM"));
            Assert.That(user.CreatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void ChangePassword_RecordsWhen()
    {
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "old", Now);

        user.ChangePassword("new", Now.AddDays(1));

        Assert.That(user.PasswordHash, Is.EqualTo("new"));
        Assert.That(user.PasswordChangedAt, Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public void UpgradePasswordHash_KeepsPasswordChangedAt()
    {
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "old", Now);

        user.UpgradePasswordHash("stronger");

        Assert.That(user.PasswordHash, Is.EqualTo("stronger"));
        Assert.That(user.PasswordChangedAt, Is.EqualTo(Now));
    }
}
