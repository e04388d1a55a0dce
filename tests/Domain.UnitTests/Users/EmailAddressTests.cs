using Auth.Domain.Users;

namespace Auth.Domain.UnitTests.Users;

public sealed class EmailAddressTests
{
    [TestCase("ada@example.com")]
    [TestCase("  Ada.Lovelace+tag@Example.co.uk  ")]
    public void TryCreate_AcceptsValidAddresses_Trimmed(string input)
    {
        Assert.That(EmailAddress.TryCreate(input, out var email), Is.True);
        Assert.That(email!.Value, Is.EqualTo(input.Trim()));
    }

    [TestCase("")]
    [TestCase("plain")]
    [TestCase("@example.com")]
    [TestCase("ada@")]
    [TestCase("ada@localhost")]
    [TestCase("a da@example.com")]
    [TestCase("ada@exa\nmple.com")]
    [TestCase("Ada <ada@example.com>")]
    public void TryCreate_RejectsInvalidAddresses(string input)
    {
        Assert.That(EmailAddress.TryCreate(input, out _), Is.False);
    }

    [Test]
    public void TryCreate_RejectsAddressesLongerThan254()
    {
        Assert.That(EmailAddress.TryCreate(new string('a', 243) + "@example.com", out _), Is.False);
    }

    [Test]
    public void Normalized_IgnoresCase()
    {
        Assert.That(EmailAddress.Create("Ada@Example.COM").Normalized, Is.EqualTo(EmailAddress.Create("ada@example.com").Normalized));
    }

    [Test]
    public void LocalPart_IsTheTextBeforeTheLastAt()
    {
        Assert.That(EmailAddress.Create("ada.lovelace@example.com").LocalPart, Is.EqualTo("ada.lovelace"));
    }
}
