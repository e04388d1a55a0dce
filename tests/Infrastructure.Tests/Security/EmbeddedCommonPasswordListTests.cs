using Auth.Infrastructure.Security.Passwords;

namespace Auth.Infrastructure.Tests.Security;

public sealed class EmbeddedCommonPasswordListTests
{
    private static readonly EmbeddedCommonPasswordList List = new();

    [Test]
    public void List_HoldsAtLeastTenThousandPasswords()
    {
        Assert.That(List.Count, Is.GreaterThanOrEqualTo(10_000));
    }

    [TestCase("password")]
    [TestCase("PASSWORD")]
    [TestCase("123456789")]
    [TestCase("qwertyuiop")]
    [TestCase("trustno1")]
    public void Contains_FindsCommonPasswords_IgnoringCase(string password)
    {
        Assert.That(List.Contains(password), Is.True);
    }

    [Test]
    public void Contains_DoesNotFlagAnUncommonPassphrase()
    {
        Assert.That(List.Contains("violet-harbour-97-lantern"), Is.False);
    }
}
