using Auth.Application.Common.Interfaces;
using QRCoder;

namespace Auth.Infrastructure.Security.Tfa;

/// <summary>QR codes as PNG through QRCoder's own PNG writer (no System.Drawing, so it runs on Linux).</summary>
public sealed class QrCoderPngRenderer : IQrCodeRenderer
{
    private const int PixelsPerModule = 8;

    public byte[] RenderPng(string content) =>
        PngByteQRCodeHelper.GetQRCode(content, QRCodeGenerator.ECCLevel.M, PixelsPerModule, drawQuietZones: true);
}
