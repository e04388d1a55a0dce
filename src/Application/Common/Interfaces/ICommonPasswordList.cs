namespace Auth.Application.Common.Interfaces;

/// <summary>Passwords too common to allow (NIST SP 800-63B §3.1.1.2 "commonly-used values").</summary>
public interface ICommonPasswordList
{
    bool Contains(string password);
}
