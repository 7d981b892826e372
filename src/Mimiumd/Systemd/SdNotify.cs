using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Mimiumd.Systemd;

/// <summary>A minimal sd_notify(3) client: sends newline-separated <c>KEY=value</c> datagrams to the
/// AF_UNIX socket named by <c>$NOTIFY_SOCKET</c> (a filesystem path, or an abstract-namespace name
/// when it starts with <c>@</c>). Without a socket every call is a silent no-op returning false, so
/// the same code runs under systemd, in a container and from a shell.
/// <para>Sending never throws: a failed send returns false (systemd may be re-executing, the socket may
/// be gone). Argument errors (e.g. a negative timeout) do throw. All members are thread-safe.</para>
/// <para>Messages are accepted by systemd only from the service's main process under the default
/// <c>NotifyAccess=main</c>; any thread of this process qualifies.</para></summary>
public sealed class SdNotify : IDisposable
{
    /// <summary>How long a send may block when systemd's receive queue is full.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private Socket? _socket;
    private bool _disposed;

    /// <summary>Reads <c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> from the process environment.</summary>
    public SdNotify()
        : this(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
               Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
               Environment.GetEnvironmentVariable("WATCHDOG_PID"),
               Environment.ProcessId)
    {
    }

    /// <summary>Explicit values, as systemd would put them in the environment (for tests and for hosts that
    /// read the environment themselves). <paramref name="ownPid"/> defaults to this process's id.</summary>
    /// <param name="notifySocket">Value of <c>NOTIFY_SOCKET</c>: an absolute path, or <c>@name</c> for the
    /// abstract namespace. Null, empty or unusable (relative, too long) disables the notifier.</param>
    /// <param name="watchdogUsec">Value of <c>WATCHDOG_USEC</c> (microseconds, &gt; 0).</param>
    /// <param name="watchdogPid">Value of <c>WATCHDOG_PID</c>; when set, the watchdog interval is honoured
    /// only if it equals <paramref name="ownPid"/> (the variables may have leaked from a parent).</param>
    public SdNotify(string? notifySocket, string? watchdogUsec = null, string? watchdogPid = null, int? ownPid = null)
    {
        SocketAddress = string.IsNullOrEmpty(notifySocket) ? null : notifySocket;
        _endPoint = SocketAddress is null ? null : TryCreateEndPoint(SocketAddress);
        WatchdogInterval = ParseWatchdog(watchdogUsec, watchdogPid, ownPid ?? Environment.ProcessId);
    }

    /// <summary>A notifier built from the process environment.</summary>
    public static SdNotify FromEnvironment() => new();

    /// <summary>The raw <c>NOTIFY_SOCKET</c> value, or null when unset.</summary>
    public string? SocketAddress { get; }

    /// <summary>True when <c>NOTIFY_SOCKET</c> names a usable address; false means every send is a no-op.</summary>
    public bool IsEnabled => _endPoint is not null;

    /// <summary>The service manager's watchdog timeout (<c>WATCHDOG_USEC</c>), or null when the watchdog is
    /// off or the variables belong to another process. Ping with <see cref="Watchdog"/> at least every half of it.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Sends <paramref name="state"/> verbatim as one datagram (several assignments separated by
    /// newlines). Returns true when the whole datagram was handed to the kernel.</summary>
    public bool Send(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_endPoint is null || state.Length == 0)
            return false;
        byte[] payload = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            if (_disposed)
                return false;
            try
            {
                _socket ??= CreateSocket();
                return _socket.SendTo(payload, SocketFlags.None, _endPoint) == payload.Length;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
            {
                // Start afresh next time: systemd may have re-created its socket (daemon-reexec).
                _socket?.Dispose();
                _socket = null;
                return false;
            }
        }
    }

    /// <summary><c>READY=1</c>, optionally with a <c>STATUS=</c> line in the same datagram. Send it only when
    /// OSC sockets, MIDI and audio are up: systemd then considers the unit started.</summary>
    public bool Ready(string? status = null)
        => Send(status is null ? "READY=1" : "READY=1\nSTATUS=" + SingleLine(status));

    /// <summary><c>STATUS=…</c>: free text shown by <c>systemctl status</c>. Line breaks become spaces.</summary>
    public bool Status(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Send("STATUS=" + SingleLine(status));
    }

    /// <summary><c>STOPPING=1</c>: the service has begun shutting down.</summary>
    public bool Stopping() => Send("STOPPING=1");

    /// <summary><c>WATCHDOG=1</c>: the keep-alive ping.</summary>
    public bool Watchdog() => Send("WATCHDOG=1");

    /// <summary><c>WATCHDOG=trigger</c>: asks systemd to act as if the watchdog had expired (abort and restart).</summary>
    public bool WatchdogTrigger() => Send("WATCHDOG=trigger");

    /// <summary><c>EXTEND_TIMEOUT_USEC=…</c>: asks for <paramref name="extension"/> more time from now for the
    /// current start-up or shutdown (e.g. while a slow USB audio interface appears).</summary>
    public bool ExtendTimeout(TimeSpan extension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(extension, TimeSpan.Zero);
        return Send("EXTEND_TIMEOUT_USEC=" + Microseconds(extension).ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
        }
    }

    private static Socket CreateSocket()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTimeout = (int)SendTimeout.TotalMilliseconds;
        return socket;
    }

    /// <summary>Maps <c>@name</c> to an abstract address (leading NUL byte); accepts absolute paths only.</summary>
    internal static UnixDomainSocketEndPoint? TryCreateEndPoint(string address)
    {
        string path;
        if (address[0] == '@')
        {
            if (address.Length < 2)
                return null;
            path = "\0" + address[1..];
        }
        else if (address[0] == '/')
            path = address;
        else
            return null; // e.g. "vsock:…" (systemd ≥ 254 in VMs): not supported here.
        try
        {
            return new UnixDomainSocketEndPoint(path);
        }
        catch (ArgumentException)
        {
            return null; // longer than sun_path
        }
    }

    internal static TimeSpan? ParseWatchdog(string? usec, string? pid, int ownPid)
    {
        if (string.IsNullOrWhiteSpace(usec)
            || !ulong.TryParse(usec.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong micros)
            || micros == 0)
            return null;
        if (!string.IsNullOrWhiteSpace(pid)
            && (!int.TryParse(pid.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int watchdogPid) || watchdogPid != ownPid))
            return null;
        // TimeSpan ticks are 100 ns; clamp absurd values instead of overflowing.
        const ulong maxMicros = (ulong)(long.MaxValue / TimeSpan.TicksPerMicrosecond);
        return TimeSpan.FromTicks((long)Math.Min(micros, maxMicros) * TimeSpan.TicksPerMicrosecond);
    }

    private static long Microseconds(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMicrosecond;

    internal static string SingleLine(string s)
        => s.IndexOfAny(['\n', '\r']) < 0 ? s : s.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
