using System.Net.Sockets;
using System.Text;

namespace Mimiumd.Tests.Systemd;

/// <summary>A real AF_UNIX datagram socket standing in for systemd's notification socket: bound to a
/// file in a fresh temp directory, or to an abstract-namespace name. <see cref="Address"/> is what
/// systemd would put in NOTIFY_SOCKET.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket;
    private readonly string? _directory;

    private NotifySocket(Socket socket, string address, string? directory)
    {
        _socket = socket;
        Address = address;
        _directory = directory;
    }

    public string Address { get; }

    public static NotifySocket BindPath()
    {
        // sun_path holds 108 bytes: keep the directory short even when TMPDIR is long.
        string root = Path.GetTempPath();
        if (root.Length > 60)
            root = "/tmp";
        string directory = Path.Combine(root, "mmd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "notify");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return new NotifySocket(socket, path, directory);
    }

    public static NotifySocket BindAbstract() => BindAbstractAt("@mimiumd-test/" + Guid.NewGuid().ToString("N"));

    /// <summary>Binds the abstract name of an <c>@name</c> address.</summary>
    public static NotifySocket BindAbstractAt(string address)
    {
        string name = address[1..];
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        return new NotifySocket(socket, "@" + name, null);
    }

    /// <summary>The next datagram, or fails the test after <paramref name="timeoutMs"/>.</summary>
    public string Receive(int timeoutMs = 5000)
    {
        Assert.True(_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead), "no datagram arrived");
        var buffer = new byte[4096];
        int n = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Every datagram already queued. Sends are synchronous, so after a call returns its
    /// datagram (if any) is already here.</summary>
    public List<string> Drain()
    {
        var all = new List<string>();
        while (_socket.Poll(0, SelectMode.SelectRead))
            all.Add(Receive());
        return all;
    }

    /// <summary>Closes the receiver (sends to it then fail) but keeps the address.</summary>
    public void CloseReceiver() => _socket.Dispose();

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
