using System.Collections.Concurrent;
using System.Diagnostics;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Metrics;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// A few dedicated threads that do nothing but hash passwords. They are not thread-pool threads, so however many
/// logins arrive, the pool keeps serving everything else (<c>/me</c>, refresh, JWKS, second factors): at most
/// <c>workers</c> hashes run at once, at most <c>queueLimit</c> wait, and a request beyond that is refused at once with
/// <see cref="ServiceBusyException"/> (503 + Retry-After) before it costs anything.
/// </summary>
public sealed class PasswordHashingWorkers : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly BlockingCollection<Job> _queue = new(new ConcurrentQueue<Job>());
    private readonly int _capacity;
    private readonly AsyncLocal<Reservation?> _reservation = new();
    private int _outstanding;

    public PasswordHashingWorkers(int workers, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        _capacity = workers + queueLimit;
        for (var i = 0; i < workers; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"argon2-{i + 1}" }.Start();
        }
    }

    /// <summary>
    /// Reserves a place for the next hash this request (this async flow) asks for, or null when none is left. A request
    /// holding one can do its database work knowing its hash will be accepted; disposing an unused one gives it back.
    /// Reserving while an unused reservation is held returns a no-op: one request, one place.
    /// </summary>
    public IDisposable? TryReserve()
    {
        if (_reservation.Value is { IsUnused: true })
        {
            return NoReservation.Instance;
        }

        if (!TryTake())
        {
            return null;
        }

        var reservation = new Reservation(this);
        _reservation.Value = reservation;
        return reservation;
    }

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        if (_reservation.Value?.TryConsume() != true && !TryTake())
        {
            throw new ServiceBusyException(RetryAfter);
        }

        var job = new Job<T>(work, cancellationToken);
        _queue.Add(job, CancellationToken.None);
        return job.Task;
    }

    public void Dispose()
    {
        // Queued jobs still run; the threads end when the queue is empty.
        _queue.CompleteAdding();
    }

    private bool TryTake()
    {
        if (Interlocked.Increment(ref _outstanding) > _capacity)
        {
            Interlocked.Decrement(ref _outstanding);
            return false;
        }

        return true;
    }

    private void Release() => Interlocked.Decrement(ref _outstanding);

    private void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            try
            {
                job.Run();
            }
            finally
            {
                Release();
            }
        }
    }

    /// <summary>A place taken for one hash: spent by the request's next hash, or given back when disposed unused.</summary>
    private sealed class Reservation(PasswordHashingWorkers workers) : IDisposable
    {
        private int _spent;

        public bool IsUnused => Volatile.Read(ref _spent) == 0;

        public bool TryConsume() => Interlocked.Exchange(ref _spent, 1) == 0;

        public void Dispose()
        {
            if (TryConsume())
            {
                workers.Release();
            }
        }
    }

    private sealed class NoReservation : IDisposable
    {
        public static readonly NoReservation Instance = new();

        public void Dispose()
        {
        }
    }

    private abstract class Job
    {
        public abstract void Run();
    }

    private sealed class Job<T>(Func<T> work, CancellationToken cancellationToken) : Job
    {
        // Continuations run on the thread pool, never on a hashing thread.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _queuedAt = Stopwatch.GetTimestamp();

        // The request's trace: the hash is a child span of whatever the request was doing when it asked.
        private readonly ActivityContext _parent = Activity.Current?.Context ?? default;

        public Task<T> Task => _completion.Task;

        public override void Run()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The client went away while waiting: its hash is not worth computing.
                _completion.TrySetCanceled(cancellationToken);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            AuthMetrics.PasswordHashQueueWait.Record(Stopwatch.GetElapsedTime(_queuedAt, started).TotalSeconds);
            using var span = AuthMetrics.Tracing.StartActivity("password.hash", ActivityKind.Internal, _parent);
            try
            {
                _completion.TrySetResult(work());
                AuthMetrics.PasswordHashDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
        }
    }
}
