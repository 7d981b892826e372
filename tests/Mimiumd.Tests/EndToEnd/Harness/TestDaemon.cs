using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimiumd.Audio;
using Mimiumd.Control;
using Mimiumd.Engine;
using Mimiumd.Hosting;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Tests.EndToEnd.Harness;

/// <summary>
/// The real daemon host (<see cref="DaemonHost.BuildServe"/>) on loopback with an ephemeral OSC port,
/// a paced null or WAV output, and its own temporary state directory. A <see cref="RendererTap"/>
/// around the daemon's renderer lets tests see what is being played.
/// </summary>
internal sealed class TestDaemon : IAsyncDisposable
{
    public sealed record Options
    {
        /// <summary>Program text for Mimiumd:Program (written to a temp file); null leaves the setting empty.</summary>
        public string? Program { get; init; }
        /// <summary>A path for Mimiumd:Program as is (wins over <see cref="Program"/>).</summary>
        public string? ProgramPath { get; init; }
        /// <summary>"null", or "wav" for a paced WAV file in the temp folder (<see cref="WavPath"/>).</summary>
        public string Output { get; init; } = "null";
        /// <summary>State directory to use (e.g. shared across restarts); null for a fresh one.</summary>
        public string? StateDirectory { get; init; }
        public IReadOnlyDictionary<string, string?>? Settings { get; init; }
    }

    private readonly TempDirectory _temp;
    private readonly List<OscClient> _clients = new();
    private bool _stopped;

    private TestDaemon(IHost host, TempDirectory temp, string stateDirectory, string? wavPath)
    {
        Host = host;
        _temp = temp;
        StateDirectory = stateDirectory;
        WavPath = wavPath;
        Osc = host.Services.GetRequiredService<OscControlService>();
        Engine = host.Services.GetRequiredService<DaemonEngine>();
        Audio = host.Services.GetRequiredService<AudioService>();
    }

    public IHost Host { get; }
    public OscControlService Osc { get; }
    public DaemonEngine Engine { get; }
    public AudioService Audio { get; }
    public string StateDirectory { get; }
    public string? WavPath { get; }
    public RendererTap Tap { get; private set; } = null!;

    public IPEndPoint Udp => Osc.UdpEndPoint ?? throw new InvalidOperationException("OSC is not listening");
    public IPEndPoint Tcp => Osc.TcpEndPoint ?? throw new InvalidOperationException("OSC is not listening");
    public long Periods => Audio.Loop?.Periods ?? 0;

    /// <summary>
    /// With Osc:Port 0 the daemon binds UDP to an ephemeral port and then TCP to the same number, which
    /// another process may hold for TCP; that start fails with "address in use" and is retried (with the
    /// state directory as it was) a bounded number of times.
    /// </summary>
    private const int StartAttempts = 5;

    public static async Task<TestDaemon> StartAsync(Options? options = null)
    {
        options ??= new Options();
        var temp = new TempDirectory();
        try
        {
            var state = options.StateDirectory ?? temp.File("state");
            string? wav = options.Output == "wav" ? temp.File("out.wav") : null;
            var settings = new Dictionary<string, string?>
            {
                ["Mimiumd:Osc:Bind"] = "127.0.0.1",
                ["Mimiumd:Osc:Port"] = "0",
                ["Mimiumd:Audio:Output"] = wav is null ? options.Output : "wav:" + wav,
                ["Mimiumd:Audio:Unpaced"] = "false",
                ["Mimiumd:Audio:RealtimePriority"] = "0",
                ["Mimiumd:StateDirectory"] = state,
                ["Mimiumd:Program"] = options.ProgramPath ?? (options.Program is null ? "" : temp.Write("program-setting.mmm", options.Program)),
                ["Logging:MinimumLevel"] = "Warning",
            };
            foreach (var (key, value) in options.Settings ?? new Dictionary<string, string?>()) settings[key] = value;
            var snapshot = StateSnapshot.Take(state);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await StartOnceAsync(settings, temp, state, wav);
                }
                catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse
                    && settings["Mimiumd:Osc:Port"] == "0" && attempt < StartAttempts)
                {
                    snapshot.Restore();
                }
            }
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    private static async Task<TestDaemon> StartOnceAsync(Dictionary<string, string?> settings, TempDirectory temp, string state, string? wav)
    {
        var host = DaemonHost.BuildServe(new DaemonHost.Overrides { Settings = settings });
        var daemon = new TestDaemon(host, temp, state, wav);
        try
        {
            using var startTimeout = new CancellationTokenSource(Wait.Timeout * 2);
            await host.StartAsync(startTimeout.Token);
        }
        catch
        {
            using var stopTimeout = new CancellationTokenSource(Wait.Timeout);
            try
            {
                await host.StopAsync(stopTimeout.Token);
                if (host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
                else host.Dispose();
            }
            catch (Exception)
            {
                // Already failing; the start's exception is the one to report.
            }
            throw;
        }
        var loop = daemon.Audio.Loop ?? throw new InvalidOperationException("the audio loop did not start");
        daemon.Tap = new RendererTap(daemon.Audio);
        loop.SetRenderer(daemon.Tap);
        await Wait.UntilAsync(() => daemon.Tap.Blocks > 0, "the tapped renderer ran");
        return daemon;
    }

    /// <summary>The files of a state directory (it has no subfolders), to undo a failed start's writes.</summary>
    private sealed class StateSnapshot(string directory, Dictionary<string, byte[]>? files)
    {
        public static StateSnapshot Take(string directory) => new(directory,
            Directory.Exists(directory) ? Directory.GetFiles(directory).ToDictionary(f => f, File.ReadAllBytes) : null);

        public void Restore()
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            if (files is null) return;
            Directory.CreateDirectory(directory);
            foreach (var (path, content) in files) File.WriteAllBytes(path, content);
        }
    }

    public async Task<OscClient> UdpClientAsync()
    {
        var client = await OscClient.ConnectUdpAsync(Udp);
        _clients.Add(client);
        return client;
    }

    public async Task<OscClient> TcpClientAsync(OscTcpFraming framing)
    {
        var client = await OscClient.ConnectTcpAsync(Tcp, framing);
        _clients.Add(client);
        return client;
    }

    /// <summary>Stops the host as the daemon stops on SIGTERM (the WAV file is complete afterwards).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        foreach (var client in _clients) await client.DisposeAsync();
        _clients.Clear();
        using var timeout = new CancellationTokenSource(Wait.Timeout * 2);
        await Host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                if (Host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
                else Host.Dispose();
            }
            finally
            {
                _temp.Dispose();
            }
        }
    }
}
