using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Microsoft.Extensions.Options;
using Moq;

namespace Auth.Application.UnitTests.Common;

public sealed class PasswordPolicyTests
{
    private static PasswordPolicy Policy(int min = 8, int max = 128, params string[] common)
    {
        var list = new Mock<ICommonPasswordList>();
        list.Setup(l => l.Contains(It.IsAny<string>())).Returns((string p) => common.Contains(p, StringComparer.OrdinalIgnoreCase));
        return new PasswordPolicy(Options.Create(new PasswordPolicyOptions { MinLength = min, MaxLength = max }), list.Object);
    }

    [Test]
    public void Check_AcceptsALongPassphraseWithSpaces_AndNoCompositionRules()
    {
        Assert.That(Policy().Check("all lower case words here", "ada@example.com"), Is.Null);
    }

    [Test]
    public void Check_HonoursAConfiguredMinimum()
    {
        Assert.That(Policy(min: 12).Check("elevenchars", null)!.Code, Is.EqualTo("password.too_short"));
        Assert.That(Policy(min: 12).Check("twelve chars", null), Is.Null);
    }

    [Test]
    public void Check_CountsCodePoints_NotUtf16Units()
    {
        Assert.That(Policy(max: 8).Check(string.Concat(Enumerable.Repeat("\U0001F600", 8)), null), Is.Null);
        Assert.That(Policy(max: 8).Check(string.Concat(Enumerable.Repeat("\U0001F600", 9)), null)!.Code, Is.EqualTo("password.too_long"));
    }

    [Test]
    public void Check_RejectsACommonPassword_AfterNormalisation()
    {
        Assert.That(Policy(common: "password1").Check("ＰＡＳＳＷＯＲＤ1", null)!.Code, Is.EqualTo("password.too_common"));
    }

    [Test]
    public void Check_RejectsTheEmailLocalPart_IgnoringCase()
    {
        Assert.That(Policy().Check("xxMargueritexx", "marguerite@example.com")!.Code, Is.EqualTo("password.contains_email"));
    }

    [Test]
    public void Check_IgnoresVeryShortLocalParts()
    {
        Assert.That(Policy().Check("a long enough passphrase", "al@example.com"), Is.Null);
    }
}
