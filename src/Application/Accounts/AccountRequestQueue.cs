using System.Threading.Channels;
using Auth.Application.Common.Models;

namespace Auth.Application.Accounts;

public enum AccountRequestKind
{
    PasswordReset,
    EmailVerification,
}

/// <summary>A request about an address that anyone may make (forgot password, resend verification).</summary>
public sealed record AccountRequest(AccountRequestKind Kind, string Email, CallerContext Caller)
{
    public override string ToString() => $"{nameof(AccountRequest)} {{ Kind = {Kind} }}";
}

/// <summary>
/// Requests that must not tell whether an account exists are only queued on the request path, identically for every
/// address; a background worker does the per-account work. A full queue drops the request (the answer is the same).
/// </summary>
public sealed class AccountRequestQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<AccountRequest> _channel = Channel.CreateBounded<AccountRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    public ChannelReader<AccountRequest> Reader => _channel.Reader;

    public void Enqueue(AccountRequest request) => _channel.Writer.TryWrite(request);
}
