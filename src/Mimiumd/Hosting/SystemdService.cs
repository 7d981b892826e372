using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimiumd.Audio;
using Mimiumd.Control;
using Mimiumd.Engine;
using Mimiumd.Systemd;

namespace Mimiumd.Hosting;

/// <summary>
/// Tells systemd (Type=notify) when the daemon is ready — OSC sockets open and audio started or
/// retrying its device — keeps STATUS= current, feeds the watchdog only while the audio loop
/// advances, and says STOPPING=1 first on shutdown (this service is registered last, so it
/// starts last and stops first).
/// </summary>
public sealed class SystemdService(DaemonEngine engine, AudioService audio, OscControlService osc, ILogger<SystemdService> logger) : IHostedService, IDisposable
{
    private readonly SdNotify _notify = SdNotify.FromEnvironment();
    private readonly CancellationTokenSource _stop = new();
    private Task? _watchdog;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = await Task.WhenAny(audio.Started.Task, Task.Delay(TimeSpan.FromSeconds(15), cancellationToken)).ConfigureAwait(false);
        if (started != audio.Started.Task) logger.LogWarning("audio has not started after 15 s; reporting ready anyway so OSC can be used");
        _notify.Ready(StatusLine());
        if (_notify.IsEnabled) logger.LogInformation("notified systemd: ready");
        // The loop's periods, reopen attempts and failures all show a living audio thread; a
        // missing USB device must not make systemd restart a daemon that is waiting for it.
        // Checking at a quarter of the watchdog timeout keeps a device reopen back-off (up to 5 s)
        // from looking like a stall across two consecutive checks.
        var watchdog = new AudioWatchdog(_notify, () => (audio.Loop?.Periods ?? 0) + (audio.Loop?.Opens ?? 0) + (audio.Loop?.SinkFailures ?? 0), StatusLine,
            _notify.WatchdogInterval is { } w ? w / 4 : null);
        _watchdog = Task.Run(() => watchdog.RunAsync(_stop.Token), CancellationToken.None);
    }

    private string StatusLine()
    {
        var s = osc.Status();
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.Transport}, program v{s.Version}, audio {s.DeviceState} ({s.Device}), cpu {s.CpuAverage:0.0}%, xruns {s.Xruns}, osc {engine.Options.Osc.Bind}:{osc.UdpEndPoint?.Port}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _notify.Stopping();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watchdog is not null)
        {
            try
            {
                await _watchdog.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _notify.Dispose();
    }
}
