namespace Mimiumd.Systemd;

/// <summary>Feeds systemd's watchdog (<c>WatchdogSec=</c>) from the audio thread's progress rather than from
/// whichever thread happens to run the timer: every <see cref="Interval"/> (half of <c>WATCHDOG_USEC</c>) it
/// reads a progress counter — the audio loop's period count — and sends <c>WATCHDOG=1</c> only if the counter
/// has changed since the last ping. A stalled or dead audio thread therefore stops the pings and systemd
/// aborts and restarts the daemon, even though this timer, OSC and MIDI are still alive.
/// <para>Optionally also publishes a <c>STATUS=</c> line (sent when its text changes, also while stalled, so
/// <c>systemctl status</c> shows why the pings stopped).</para>
/// <para>The counter must keep changing whenever the audio thread is healthy, including while it waits
/// to reopen a missing device, if that state should not restart the service (e.g. periods + open attempts
/// + sink failures), and that back-off must stay well below the watchdog timeout.</para></summary>
public sealed class AudioWatchdog
{
    /// <summary>Tick interval used for status updates when systemd's watchdog is off.</summary>
    public static readonly TimeSpan DefaultStatusInterval = TimeSpan.FromSeconds(5);

    private readonly SdNotify _notify;
    private readonly Func<long> _progress;
    private readonly Func<string>? _status;
    private readonly object _gate = new();
    private long _lastPingProgress;
    private string? _lastStatus;
    private long _pings;
    private long _withheld;
    private int _consecutiveStalls;

    /// <param name="notify">Where to send.</param>
    /// <param name="progress">The audio thread's progress counter, read from the watchdog's thread
    /// (must be safe to read concurrently, e.g. <c>Interlocked.Read</c>). Its value at construction is the baseline.</param>
    /// <param name="status">Text for <c>STATUS=</c>, or null for no status lines.</param>
    /// <param name="interval">Tick interval; defaults to half of <see cref="SdNotify.WatchdogInterval"/>,
    /// or <see cref="DefaultStatusInterval"/> when the watchdog is off.</param>
    public AudioWatchdog(SdNotify notify, Func<long> progress, Func<string>? status = null, TimeSpan? interval = null)
    {
        _notify = notify ?? throw new ArgumentNullException(nameof(notify));
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
        _status = status;
        if (interval is { } i)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(i, TimeSpan.Zero, nameof(interval));
        Interval = interval ?? (notify.WatchdogInterval is { } w ? w / 2 : DefaultStatusInterval);
        _lastPingProgress = ReadProgress() ?? 0;
    }

    /// <summary>How often <see cref="RunAsync"/> calls <see cref="Tick"/>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>True when systemd asked for watchdog pings (<c>WATCHDOG_USEC</c> set for this process).</summary>
    public bool WatchdogEnabled => _notify.WatchdogInterval is not null;

    /// <summary><c>WATCHDOG=1</c> datagrams sent successfully.</summary>
    public long Pings => Interlocked.Read(ref _pings);

    /// <summary>Ticks at which the ping was withheld because the counter had not moved.</summary>
    public long WithheldPings => Interlocked.Read(ref _withheld);

    /// <summary>Ticks in a row without progress (0 while healthy).</summary>
    public int ConsecutiveStalls => Volatile.Read(ref _consecutiveStalls);

    /// <summary>One watchdog step: sends <c>WATCHDOG=1</c> if the watchdog is enabled and the progress counter
    /// changed since the last ping,
    /// plus <c>STATUS=</c> if its text changed (in the same datagram when both go). Never throws; a throwing
    /// progress or status callback counts as no progress / no status.</summary>
    /// <returns>True when <c>WATCHDOG=1</c> was sent.</returns>
    public bool Tick()
    {
        lock (_gate)
        {
            long? now = ReadProgress();
            bool advanced = now is { } n && n != _lastPingProgress;
            bool ping = advanced && WatchdogEnabled;
            string? status = ReadStatus();
            bool statusChanged = status is not null && status != _lastStatus;

            string? message = (ping, statusChanged) switch
            {
                (true, true) => "WATCHDOG=1\nSTATUS=" + SdNotify.SingleLine(status!),
                (true, false) => "WATCHDOG=1",
                (false, true) => "STATUS=" + SdNotify.SingleLine(status!),
                _ => null,
            };
            bool sent = message is not null && _notify.Send(message);

            if (advanced)
            {
                _consecutiveStalls = 0;
                if (ping && sent)
                {
                    // Only a delivered ping moves the baseline, so a lost datagram is retried next tick.
                    _lastPingProgress = now!.Value;
                    _pings++;
                }
            }
            else if (WatchdogEnabled)
            {
                _consecutiveStalls++;
                _withheld++;
            }
            if (statusChanged && sent)
                _lastStatus = status;
            return ping && sent;
        }
    }

    /// <summary>Ticks every <see cref="Interval"/> until cancelled; returns at once when the notifier is
    /// disabled (no <c>NOTIFY_SOCKET</c>) or there is nothing to send (no watchdog, no status). Completes
    /// normally on cancellation. Start it after <c>READY=1</c>; stop it only once shutdown has begun
    /// (<c>STOPPING=1</c>) — the watchdog keeps running while systemd waits for the process to exit.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_notify.IsEnabled || (!WatchdogEnabled && _status is null))
            return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                Tick();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private long? ReadProgress()
    {
        try
        {
            return _progress();
        }
        catch (Exception)
        {
            return null;
        }
    }

    private string? ReadStatus()
    {
        if (_status is null)
            return null;
        try
        {
            return _status();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
