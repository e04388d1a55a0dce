using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;

namespace Auth.Application.Auth.SignIn;

/// <summary>
/// The one way a secret is checked for a login name: a password, an authenticator code, an emailed code, a backup
/// token, and every factor added later. As in ASP.NET Core Identity's <c>SignInManager</c>, all of them share one
/// lockout path: the try is counted before the secret is evaluated, a throttled name is refused and audited, and the
/// returned <see cref="SignInAttempt"/> says how the try ended.
/// </summary>
public sealed class SignInAttempts(IAuthDbContext db, SignInThrottler throttler, AuditTrail audit)
{
    /// <param name="loginKey">The normalised email the try counts against (known account or not).</param>
    /// <param name="userId">The account, when there is one, for the audit trail.</param>
    /// <param name="failureEventType">The audit event this attempt records when it fails or is throttled.</param>
    public async Task<Result<SignInAttempt>> BeginAsync(
        string loginKey, Guid? userId, string failureEventType, CancellationToken cancellationToken)
    {
        var counted = await throttler.TakeAttemptAsync(loginKey, cancellationToken);
        if (!counted.IsSuccess)
        {
            audit.Failure(failureEventType, userId, "throttled");
            await db.SaveChangesAsync(cancellationToken);
            return counted.Error!;
        }

        return new SignInAttempt(db, throttler, audit, loginKey, userId, failureEventType, counted.Value);
    }
}

/// <summary>
/// One counted try. It ends in exactly one of: <see cref="FailAsync"/> (a wrong secret), <see cref="RefuseAsync"/>
/// (a right secret for an account that may not sign in), <see cref="DeferToSecondFactorAsync"/> (a right password that
/// still owes a second factor) or <see cref="SucceedAsync"/> (signed in, or a change proven).
/// </summary>
public sealed class SignInAttempt
{
    private readonly IAuthDbContext _db;
    private readonly SignInThrottler _throttler;
    private readonly AuditTrail _audit;
    private readonly string _loginKey;
    private readonly Guid? _userId;
    private readonly string _failureEventType;
    private readonly int _countedFailures;

    internal SignInAttempt(
        IAuthDbContext db, SignInThrottler throttler, AuditTrail audit, string loginKey, Guid? userId, string failureEventType, int countedFailures)
    {
        _db = db;
        _throttler = throttler;
        _audit = audit;
        _loginKey = loginKey;
        _userId = userId;
        _failureEventType = failureEventType;
        _countedFailures = countedFailures;
    }

    /// <summary>
    /// A wrong secret. The try was counted (and any waiting time set) when it was taken; this audits the failure,
    /// and <c>auth.throttling_started</c> when this failure starts a wait or the block, saves, and returns
    /// <paramref name="error"/> for the handler to answer with.
    /// </summary>
    /// <param name="eventType">Another event than the attempt's failure event (e.g. a replayed code).</param>
    public async Task<Error> FailAsync(Error error, string reason, CancellationToken cancellationToken, string? eventType = null)
    {
        _audit.Failure(eventType ?? _failureEventType, _userId, reason);
        if (_throttler.Policy.StartsThrottling(_countedFailures))
        {
            _audit.Success(AuditEventTypes.ThrottlingStarted, _userId);
        }

        await _db.SaveChangesAsync(cancellationToken);
        return error;
    }

    /// <summary>The secret was right but the account may not sign in: audited, saved, and the try given back.</summary>
    public async Task<Error> RefuseAsync(Error error, string reason, CancellationToken cancellationToken)
    {
        _audit.Failure(_failureEventType, _userId, reason);
        await _db.SaveChangesAsync(cancellationToken);
        await _throttler.RefundAsync(_loginKey, cancellationToken);
        return error;
    }

    /// <summary>
    /// A right password for a user who still owes the second factor (call after saving the challenge): the try was no
    /// failure and is given back, but the counter is not reset, or re-logging in would buy unlimited code guesses.
    /// </summary>
    public Task DeferToSecondFactorAsync(CancellationToken cancellationToken) =>
        _throttler.RefundAsync(_loginKey, cancellationToken);

    /// <summary>After the caller committed the sign-in (or the proven change): the consecutive failures start again.</summary>
    public Task SucceedAsync(CancellationToken cancellationToken) => _throttler.ResetAsync(_loginKey, cancellationToken);
}
