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
    [TestCase("ada@example.com.")]
    [TestCase("ada@example..com")]
    [TestCase("ada@.example.com")]
    public void TryCreate_RejectsInvalidAddresses(string input)
    {
        Assert.That(EmailAddress.TryCreate(input, out _), Is.False);
    }

    [Test]
    public void TryCreate_RejectsTextThatIsNotWellFormedUnicode()
    {
        var loneSurrogate = "ada" + (char)0xD800 + "@example.com";

        Assert.That(EmailAddress.TryCreate(loneSurrogate, out _), Is.False);
        Assert.That(EmailAddress.Normalize(loneSurrogate), Is.Not.Empty, "a look-up of it finds nothing, and does not throw");
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

    [TestCase("\u017Fam@example.com", "sam@example.com")]
    [TestCase("\uFF53am@example.com", "sam@example.com")]
    [TestCase("sam@ex\uFF41mple.com", "sam@example.com")]
    [TestCase("caf\u0065\u0301@example.com", "caf\u00E9@example.com")]
    public void EveryCompatibilitySpellingOfAnAddress_IsStoredAndLookedUpAsOne(string typed, string canonical)
    {
        var email = EmailAddress.Create(typed);

        Assert.That(email.Value, Is.EqualTo(canonical));
        Assert.That(email.Normalized, Is.EqualTo(EmailAddress.Create(canonical).Normalized));
        Assert.That(EmailAddress.Normalize(" " + typed + " "), Is.EqualTo(email.Normalized), "a sign-in typed either way finds it");
    }

    [Test]
    public void LocalPart_IsTheTextBeforeTheLastAt()
    {
        Assert.That(EmailAddress.Create("ada.lovelace@example.com").LocalPart, Is.EqualTo("ada.lovelace"));
    }
}
