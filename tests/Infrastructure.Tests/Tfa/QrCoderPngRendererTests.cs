using Auth.Infrastructure.Security.Tfa;
using Auth.TestCommon;

namespace Auth.Infrastructure.Tests.Tfa;

public sealed class QrCoderPngRendererTests
{
    [Test]
    public async Task RenderPng_DecodesWithARealQrReader_ToExactlyTheContent()
    {
        const string uri = "otpauth://totp/Auth:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Auth&algorithm=SHA1&digits=6&period=30";
        var png = new QrCoderPngRenderer().RenderPng(uri);
        var file = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
            Assert.That(await ExternalTool.RunAsync("zbarimg", "--raw", "-q", file), Is.EqualTo(uri));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
