using Mimiumd.Osc;
using System.Net;
using Microsoft.Extensions.Logging;
using Mimiumd.Engine;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Control;

/// <summary>
/// Clients registered with `/mimium/notify 1` and the events pushed to them. The list is
/// bounded; a client whose channel fails is dropped.
/// </summary>
public sealed class NotifyHub(int capacity, ILogger logger)
{
    private readonly object _gate = new();
    private readonly List<(IPEndPoint Endpoint, OscTransportKind Transport, IOscReplyChannel Channel)> _clients = new();

    public int Count
    {
        get
        {
            lock (_gate) return _clients.Count;
        }
    }

    public enum Result { Added, AlreadyRegistered, TooMany, Removed, NotRegistered }

    public Result Register(IPEndPoint endpoint, OscTransportKind transport, IOscReplyChannel channel)
    {
        lock (_gate)
        {
            if (_clients.Any(c => c.Endpoint.Equals(endpoint) && c.Transport == transport)) return Result.AlreadyRegistered;
            if (_clients.Count >= capacity) return Result.TooMany;
            _clients.Add((endpoint, transport, channel));
            return Result.Added;
        }
    }

    public Result Unregister(IPEndPoint endpoint, OscTransportKind transport)
    {
        lock (_gate)
        {
            return _clients.RemoveAll(c => c.Endpoint.Equals(endpoint) && c.Transport == transport) > 0 ? Result.Removed : Result.NotRegistered;
        }
    }

    /// <summary>Sends an event to every subscriber (fire and forget; failures drop the client).</summary>
    public void Publish(DaemonEvent e)
    {
        var message = ToMessage(e);
        List<(IPEndPoint Endpoint, OscTransportKind Transport, IOscReplyChannel Channel)> targets;
        lock (_gate) targets = _clients.ToList();
        foreach (var target in targets) _ = SendAsync(target, message);
    }

    private async Task SendAsync((IPEndPoint Endpoint, OscTransportKind Transport, IOscReplyChannel Channel) target, OscMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await target.Channel.SendAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogInformation("dropping notify client {Endpoint}: {Message}", target.Endpoint, ex.Message);
            Unregister(target.Endpoint, target.Transport);
        }
    }

    public static OscMessage ToMessage(DaemonEvent e) => e switch
    {
        CompileFailed f => new OscMessage("/mimium/notify/compile_error", f.Message, f.Line, f.Column),
        ProgramChanged p => new OscMessage("/mimium/notify/program", p.Version, p.Summary),
        TransportChanged t => new OscMessage("/mimium/notify/transport", t.State),
        DeviceChanged d => new OscMessage("/mimium/notify/device", d.State, d.Device),
        XrunsOccurred x => new OscMessage("/mimium/notify/xrun", (int)Math.Min(int.MaxValue, x.Total)),
        ProgramFaulted f => new OscMessage("/mimium/notify/fault", f.Message),
        _ => new OscMessage("/mimium/notify/unknown"),
    };
}
