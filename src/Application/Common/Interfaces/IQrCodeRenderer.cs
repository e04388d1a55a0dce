namespace Auth.Application.Common.Interfaces;

public interface IQrCodeRenderer
{
    byte[] RenderPng(string content);
}
