using Mimiumd.Osc;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimiumd.Audio;
using Mimiumd.Engine;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Control;

/// <summary>UDP and TCP OSC servers on one port, feeding the router; notify clients hear events.</summary>
public sealed class OscControlService : IHostedService, IAsyncDisposable
{
    private readonly DaemonEngine _engine;
    private readonly AudioService _audio;
    private readonly ILogger<OscControlService> _logger;
    private readonly NotifyHub _notify;
    private OscUdpServer? _udp;
    private OscTcpServer? _tcp;

    public OscControlService(DaemonEngine engine, AudioService audio, ILogger<OscControlService> logger)
    {
        _engine = engine;
        _audio = audio;
        _logger = logger;
        var o = engine.Options.Osc;
        _notify = new NotifyHub(o.MaxNotifyClients, logger);
        Access = new AccessPolicy(o);
        Router = new OscRouter(engine, Access, _notify, Status, logger);
        engine.Event += _notify.Publish;
    }

    public AccessPolicy Access { get; }
    public OscRouter Router { get; }
    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;
    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;
    public long MalformedPackets => (_udp?.Counters.MalformedDropped ?? 0) + (_tcp?.Counters.MalformedDropped ?? 0);

    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Router.StartPushWorker(_stopping.Token);
        var o = _engine.Options.Osc;
        if (!IPAddress.TryParse(o.Bind, out var address)) throw new FormatException($"Osc:Bind \"{o.Bind}\" is not an IP address");
        if (Access.IsExposed && Access.Secret.Length == 0)
            _logger.LogWarning("OSC is bound to {Bind} without a SharedSecret: code pushes and transport commands will be refused", o.Bind);
        var limits = OscLimits.Default with { MaxPacketSize = Math.Max(OscLimits.Default.MaxPacketSize, o.MaxCodeBytes + 4096) };
        // TCP takes the same port number as UDP. With port 0 the system picks a free UDP port,
        // whose number may be taken for TCP by someone else: then try another pair.
        IPEndPoint udpEnd, tcpEnd;
        for (var attempt = 1; ; attempt++)
        {
            _udp = new OscUdpServer(Router.HandleAsync, new OscServerOptions { EndPoint = new IPEndPoint(address, o.Port), Limits = OscLimits.Default }, _logger);
            udpEnd = _udp.Start(cancellationToken);
            _tcp = new OscTcpServer(Router.HandleAsync, new OscServerOptions { EndPoint = new IPEndPoint(address, udpEnd.Port), Limits = limits, MaxTcpConnections = o.MaxTcpConnections }, _logger);
            try
            {
                tcpEnd = _tcp.Start(cancellationToken);
                break;
            }
            catch (System.Net.Sockets.SocketException) when (o.Port == 0 && attempt < 20)
            {
                _udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        _logger.LogInformation("OSC listening on udp://{Udp} and tcp://{Tcp}", udpEnd, tcpEnd);
        return Task.CompletedTask;
    }

    public StatusSnapshot Status()
    {
        var loop = _audio.Loop;
        var live = _engine.Live;
        return new StatusSnapshot(
            live.Transport.ToString().ToLowerInvariant(),
            live.Version,
            loop?.ActiveFormat?.SampleRate ?? _audio.Format.SampleRate,
            loop?.ActiveFormat?.PeriodFrames ?? _audio.Format.PeriodFrames,
            (float)((loop?.AverageLoad ?? 0) * 100),
            (float)((loop?.PeakLoad ?? 0) * 100),
            (int)Math.Min(int.MaxValue, loop?.Xruns ?? 0),
            loop is null ? "starting" : AudioService.DeviceStateName(loop.State),
            _audio.OutputName,
            (DateTimeOffset.UtcNow - _engine.StartedAt).TotalSeconds,
            (int)Math.Min(int.MaxValue, MalformedPackets),
            (int)Math.Min(int.MaxValue, live.FaultCount),
            _notify.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        _engine.Event -= _notify.Publish;
        if (_udp is not null) await _udp.DisposeAsync().ConfigureAwait(false);
        if (_tcp is not null) await _tcp.DisposeAsync().ConfigureAwait(false);
        _udp = null;
        _tcp = null;
    }
}
