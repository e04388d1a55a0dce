using Auth.Application.Audit;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Metrics;
using Auth.Application.Email;
using Auth.Application.SignIn.Completion;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Attempts;

/// <summary>
/// The one way a secret is checked for a login name: a password, an authenticator code, an emailed code, a backup
/// token, and every factor added later. As in ASP.NET Core Identity's <c>SignInManager</c>, all of them share one
/// lockout path: the try is counted before the secret is evaluated, a throttled name is refused and audited, and the
/// returned <see cref="SignInAttempt"/> says how the try ended.
/// </summary>
public sealed class SignInAttempts(
    IAuthDbContext db,
    SignInThrottler throttler,
    IPasswordHasher passwordHasher,
    AuditTrail audit,
    SecondFactorLock secondFactorLock,
    SignInCompletion completion,
    IOptions<TfaOptions> tfaOptions)
{
    internal IAuthDbContext Db => db;

    internal IPasswordHasher PasswordHasher => passwordHasher;

    internal SignInThrottler Throttler => throttler;

    internal AuditTrail Audit => audit;

    internal SecondFactorLock SecondFactorLock => secondFactorLock;

    internal SignInCompletion Completion => completion;

    internal int SecondFactorFailureLimit => tfaOptions.Value.SecondFactorFailureLimit;

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
            AuthMetrics.SignInRefusals.Add(1, new KeyValuePair<string, object?>("event", "throttled"));
            await db.SaveChangesAsync(cancellationToken);
            return counted.Error!;
        }

        return new SignInAttempt(this, loginKey, userId, failureEventType, counted.Value);
    }
}

/// <summary>
/// One counted try. It ends in exactly one of: <see cref="FailAsync"/> (a wrong secret), <see cref="RefuseAsync"/>
/// (a right secret for an account that may not sign in), <see cref="DeferToSecondFactorAsync"/> (a right password that
/// still owes a second factor), <see cref="SignInAsync"/> (signed in with nothing more owed) or
/// <see cref="SucceedAsync"/> (the caller committed a sign-in, or a change was proven).
/// </summary>
public sealed class SignInAttempt
{
    private readonly SignInAttempts _attempts;
    private readonly string _loginKey;
    private readonly Guid? _userId;
    private readonly string _failureEventType;
    private readonly int _countedFailures;
    private User? _secondFactorOf;
    private int _secondFactorFailures;

    internal SignInAttempt(SignInAttempts attempts, string loginKey, Guid? userId, string failureEventType, int countedFailures)
    {
        _attempts = attempts;
        _loginKey = loginKey;
        _userId = userId;
        _failureEventType = failureEventType;
        _countedFailures = countedFailures;
    }

    /// <summary>
    /// This try also checks a second factor: it takes one from the user's own second-factor counter (atomically,
    /// before the secret is evaluated). False when the counter is at its limit: second-factor sign-in is locked.
    /// </summary>
    public async Task<bool> TakeSecondFactorTryAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var limit = _attempts.SecondFactorFailureLimit;
        var users = _attempts.Db.Users.Where(u => u.Id == user.Id);
        var taken = await users.Where(u => u.SecondFactorFailures < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, u => u.SecondFactorFailures + 1), cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        _secondFactorOf = user;
        _secondFactorFailures = await users.Select(u => u.SecondFactorFailures).SingleAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks a password against the stored hash (an unknown account, <paramref name="passwordHash"/> null, costs the
    /// same hash and fails). When the hashing queue is full the check never ran: the try is given back and the 503
    /// goes on, so a flood of refused requests cannot throttle the account it names.
    /// </summary>
    public async Task<PasswordVerification> CheckPasswordAsync(string? passwordHash, string password, CancellationToken cancellationToken)
    {
        var hasher = _attempts.PasswordHasher;
        try
        {
            if (passwordHash is null)
            {
                await hasher.SimulateVerifyAsync(password, cancellationToken);
                return PasswordVerification.Failed;
            }

            return await hasher.VerifyAsync(passwordHash, password, cancellationToken);
        }
        catch (ServiceBusyException)
        {
            await GiveBackAsync();
            throw;
        }
    }

    /// <summary>
    /// Hashes a new password for a change this attempt is proving. When the hashing queue is full the change never
    /// happened: the try is given back and the 503 goes on.
    /// </summary>
    public async Task<string> HashNewPasswordAsync(string password, CancellationToken cancellationToken)
    {
        try
        {
            return await _attempts.PasswordHasher.HashAsync(password, cancellationToken);
        }
        catch (ServiceBusyException)
        {
            await GiveBackAsync();
            throw;
        }
    }

    private Task GiveBackAsync() => _attempts.Throttler.RefundAsync(_loginKey, CancellationToken.None);

    /// <summary>
    /// A wrong secret. The try was counted (and any waiting time set) when it was taken; this audits the failure,
    /// <c>auth.throttling_started</c> when this failure starts a wait or the block, and a locked second factor (the
    /// user is emailed a link that lifts it), saves, and returns <paramref name="error"/> for the handler to answer with.
    /// </summary>
    /// <param name="eventType">Another event than the attempt's failure event (e.g. a replayed code).</param>
    public async Task<Error> FailAsync(Error error, string reason, CancellationToken cancellationToken, string? eventType = null)
    {
        var audit = _attempts.Audit;
        audit.Failure(eventType ?? _failureEventType, _userId, reason);
        AuthMetrics.SignInFailures.Add(1, new KeyValuePair<string, object?>("event", eventType ?? _failureEventType));
        if (_attempts.Throttler.Policy.StartsThrottling(_countedFailures))
        {
            audit.Success(AuditEventTypes.ThrottlingStarted, _userId);
        }

        if (_secondFactorOf is { } user && _secondFactorFailures == _attempts.SecondFactorFailureLimit)
        {
            audit.Success(AuditEventTypes.SecondFactorLocked, user.Id);
            await _attempts.SecondFactorLock.TellTheOwnerAsync(user, cancellationToken);
        }

        await _attempts.Db.SaveChangesAsync(cancellationToken);
        return error;
    }

    /// <summary>The secret was right but the account may not sign in: audited, saved, and the try given back.</summary>
    public async Task<Error> RefuseAsync(Error error, string reason, CancellationToken cancellationToken)
    {
        _attempts.Audit.Failure(_failureEventType, _userId, reason);
        AuthMetrics.SignInRefusals.Add(1, new KeyValuePair<string, object?>("event", _failureEventType));
        await _attempts.Db.SaveChangesAsync(cancellationToken);
        await _attempts.Throttler.RefundAsync(_loginKey, cancellationToken);
        return error;
    }

    /// <summary>
    /// A right password for a user who still owes the second factor (call after saving the challenge): the try was no
    /// failure and is given back, but the counter is not reset, or re-logging in would buy unlimited code guesses.
    /// </summary>
    public Task DeferToSecondFactorAsync(CancellationToken cancellationToken) =>
        _attempts.Throttler.RefundAsync(_loginKey, cancellationToken);

    /// <summary>
    /// The proof is enough (a password alone, a remembered device, a passkey, or the second factor after the password):
    /// finishes the sign-in through <see cref="SignInCompletion"/> and commits it with whatever the handler queued. The
    /// user row is a concurrency token, so if the account changed since it was read (disabled, new password, signed out
    /// everywhere) nothing is kept and the attempt is refused with <see cref="UserErrors.AccountChanged"/>, unless
    /// <paramref name="onConflict"/> tells the conflict apart (a second factor spent twice).
    /// </summary>
    public async Task<Result<CompletedSignIn>> SignInAsync(
        ProvenSignIn proof, CancellationToken cancellationToken, Func<Task<Error>>? onConflict = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var signedIn = await _attempts.Completion.CompleteAsync(proof, cancellationToken);

        // The failure counter starts again in the same commit as the session: a password sign-in writes once after
        // its try was counted.
        _attempts.Throttler.ResetWithNextSave(_loginKey);
        try
        {
            await _attempts.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            _attempts.Db.DiscardChanges();
            return onConflict is null
                ? await RefuseAsync(UserErrors.AccountChanged, UserErrors.AccountChanged.Code, cancellationToken)
                : await onConflict();
        }

        await ResetSecondFactorFailuresAsync(cancellationToken);
        AuthMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("method", proof.Method.AuditName));
        return signedIn;
    }

    /// <summary>After the caller committed the sign-in (or the proven change): the consecutive failures start again.</summary>
    public async Task SucceedAsync(CancellationToken cancellationToken)
    {
        await _attempts.Throttler.ResetAsync(_loginKey, cancellationToken);
        await ResetSecondFactorFailuresAsync(cancellationToken);
    }

    private async Task ResetSecondFactorFailuresAsync(CancellationToken cancellationToken)
    {
        if (_secondFactorOf is { } user)
        {
            await _attempts.Db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, 0), cancellationToken);
        }
    }
}
