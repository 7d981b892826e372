using Mimiumd.Osc;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Mimium.Engine.Live;
using Mimiumd.Engine;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Control;

/// <summary>
/// The OSC address space. Every request that can fail gets exactly one reply to its sender:
/// a `.reply`, `/done ADDRESS …` or `/fail ADDRESS message …`; unknown addresses get
/// `/fail ADDRESS "not found"`.
/// </summary>
public sealed class OscRouter(DaemonEngine engine, AccessPolicy access, NotifyHub notify, Func<StatusSnapshot> status, ILogger logger)
{
    public const string Version = "0.1.0";

    private long _deniedPackets;
    public long DeniedPackets => Interlocked.Read(ref _deniedPackets);

    public async ValueTask HandleAsync(OscInboundMessage inbound, CancellationToken ct)
    {
        if (!access.IsAllowed(inbound.RemoteEndPoint.Address))
        {
            // Strangers get no answer: a reply would confirm the daemon is there.
            Interlocked.Increment(ref _deniedPackets);
            return;
        }
        OscMessage? reply;
        try
        {
            reply = await RouteAsync(inbound, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Exactly one reply, even when something unforeseen fails.
            logger.LogError(ex, "handling {Address} failed", inbound.Message.Address);
            reply = Fail(inbound.Message.Address, "internal error: " + ex.Message);
        }
        if (reply is not null) await inbound.Reply.SendAsync(reply, ct).ConfigureAwait(false);
    }

    private async ValueTask<OscMessage?> RouteAsync(OscInboundMessage inbound, CancellationToken ct)
    {
        var m = inbound.Message;
        var a = m.Address;
        switch (a)
        {
            case "/mimium/code":
                return QueuePush(inbound);
            case "/mimium/code/get":
                return new OscMessage("/mimium/code.reply", engine.Live.Source, engine.Live.Version);
            case "/mimium/param":
                return SetNamedParameter(m);
            case "/mimium/play" or "/mimium/stop" or "/mimium/pause" or "/mimium/panic":
                return Transport(m);
            case "/mimium/status":
                return status().ToMessage();
            case "/mimium/version":
                return new OscMessage("/mimium/version.reply", "mimiumd", Version, "mimium-rs v4.1 tiers 1-2");
            case "/mimium/sync":
                // The id comes back as the same number: an int when it fits, else a 64-bit int.
                return m.Args.Count == 1 && m.Args[0].TryGetInt64(out var id)
                    ? new OscMessage("/mimium/synced", id is >= int.MinValue and <= int.MaxValue ? (OscArgument)(int)id : id)
                    : Fail(a, "expected one int argument (the sync id)");
            case "/mimium/notify":
                return Notify(inbound);
        }
        if (a.StartsWith("/mimium/", StringComparison.Ordinal) || a == "/mimium") return Fail(a, "not found");
        return SetParameterByAddress(m) ?? Fail(a, "not found");
    }

    private static OscMessage Fail(string address, string message, params object[] extra)
    {
        var args = new List<OscArgument> { address, message };
        foreach (var x in extra) args.Add(x switch { int i => i, string s => s, _ => x.ToString() ?? "" });
        return new OscMessage("/fail", args);
    }

    private static OscMessage Done(string address, params OscArgument[] extra) => new("/done", new OscArgument[] { address }.Concat(extra).ToList());

    private bool Authorized(OscMessage m, int usualArgs)
    {
        if (!access.IsExposed) return true;
        string? token = null;
        if (m.Args.Count == usualArgs + 1) m.Args[^1].TryGetString(out token);
        return access.Authorizes(token);
    }

    private const string CodeAddress = "/mimium/code";

    /// <summary>
    /// Checks a push at once (arguments, secret, size) and queues the compile: the receive loop
    /// goes on answering status, parameters and transport while a program compiles. Pushes are
    /// compiled one after another in arrival order; each gets its reply when it is done.
    /// </summary>
    private OscMessage? QueuePush(OscInboundMessage inbound)
    {
        var m = inbound.Message;
        if (m.Args.Count is < 1 or > 2 || !m.Args[0].TryGetString(out var source))
            return Fail(CodeAddress, "expected the program source as a string argument", 0, 0);
        if (!Authorized(m, 1)) return Fail(CodeAddress, "not authorized: add the shared secret as the last argument", 0, 0);
        var limit = inbound.Transport == OscTransportKind.Udp ? engine.Options.Osc.MaxUdpCodeBytes : engine.Options.Osc.MaxCodeBytes;
        var size = System.Text.Encoding.UTF8.GetByteCount(source);
        if (size > limit)
        {
            var hint = inbound.Transport == OscTransportKind.Udp ? "too large, use TCP" : "too large";
            return Fail(CodeAddress, $"{hint} ({size} bytes; the limit is {limit})", 0, 0);
        }
        if (!_pushes.Writer.TryWrite((inbound, source))) return Fail(CodeAddress, "busy: too many programs waiting to compile", 0, 0);
        return null;
    }

    private readonly System.Threading.Channels.Channel<(OscInboundMessage Inbound, string Source)> _pushes =
        System.Threading.Channels.Channel.CreateBounded<(OscInboundMessage, string)>(new System.Threading.Channels.BoundedChannelOptions(16) { SingleReader = true });

    private Task? _pushWorker;

    /// <summary>Compiles queued pushes one at a time and replies to each sender.</summary>
    public void StartPushWorker(CancellationToken stop) => _pushWorker ??= Task.Run(async () =>
    {
        await foreach (var (inbound, source) in _pushes.Reader.ReadAllAsync(stop).ConfigureAwait(false))
        {
            OscMessage reply;
            try
            {
                reply = Compile(inbound, source);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "compiling a pushed program failed");
                reply = Fail(CodeAddress, "internal error: " + ex.Message, 0, 0);
            }
            try
            {
                await inbound.Reply.SendAsync(reply, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogInformation("could not reply to {Endpoint}: {Message}", inbound.RemoteEndPoint, ex.Message);
            }
        }
    }, CancellationToken.None);

    private OscMessage Compile(OscInboundMessage inbound, string source)
    {
        const string address = CodeAddress;
        var report = engine.Push($"<osc {inbound.RemoteEndPoint}>", source);
        if (report.Accepted)
        {
            var s = report.Migration;
            return Done(address, report.Version, s.KeptNodes, s.AddedNodes, s.DroppedNodes,
                (float)report.CompileTime.TotalMilliseconds, (float)report.SwapLatency.TotalMilliseconds);
        }
        var error = report.FirstError;
        return error is not null
            ? Fail(address, error.Format(), error.Line, error.Column)
            : Fail(address, report.Fault ?? "rejected", 0, 0);
    }

    private OscMessage Transport(OscMessage m)
    {
        if (!Authorized(m, 0)) return Fail(m.Address, "not authorized: add the shared secret as the last argument");
        var state = m.Address switch
        {
            "/mimium/play" => engine.Live.Play(),
            "/mimium/stop" => engine.Live.Stop(),
            "/mimium/pause" => engine.Live.Pause(),
            _ => Panic(),
        };
        logger.LogInformation("transport: {Command} -> {State}", m.Address, state);
        if (m.Address is "/mimium/play" or "/mimium/panic" && state == TransportState.Stopped && engine.Live.RestartFault is { } fault)
            return Fail(m.Address, $"the program could not restart: {fault}");
        return Done(m.Address, state.ToString().ToLowerInvariant());

        TransportState Panic()
        {
            engine.Live.Panic();
            return engine.Live.Transport;
        }
    }

    /// <summary>`/mimium/param s:name [i:leaf] value…`.</summary>
    private OscMessage SetNamedParameter(OscMessage m)
    {
        const string address = "/mimium/param";
        if (m.Args.Count < 2 || !m.Args[0].TryGetString(out var name))
            return Fail(address, "expected a parameter name and a value");
        var values = m.Args.Skip(1).ToList();
        return Apply(address, name, values, allowLeafForm: true) ?? Fail(address, $"no parameter \"{name}\"");
    }

    /// <summary>mimium's convention: `/name v…` sets a parameter (all leaves), `/name/k v` one leaf.</summary>
    private OscMessage? SetParameterByAddress(OscMessage m)
    {
        var name = m.Address.TrimStart('/');
        if (engine.Parameters.TryGet(name, out _)) return Apply(m.Address, name, m.Args, allowLeafForm: false);
        var slash = name.LastIndexOf('/');
        if (slash > 0 && int.TryParse(name[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var leaf)
            && engine.Parameters.TryGet(name[..slash], out var info))
        {
            if (m.Args.Count != 1 || !m.Args[0].TryGetDouble(out var v)) return Fail(m.Address, "expected one number");
            return engine.SetParameter(info.Name, leaf, v) ? Done(m.Address) : Fail(m.Address, $"\"{info.Name}\" has no value {leaf}");
        }
        return null;
    }

    private OscMessage? Apply(string address, string name, IReadOnlyList<OscArgument> values, bool allowLeafForm)
    {
        if (!engine.Parameters.TryGet(name, out var info)) return null;
        if (allowLeafForm && values.Count == 2 && info.Width > 1 && values[0] is OscArgument.Int32 && values[1].TryGetDouble(out var leafValue)
            && values[0].TryGetInt64(out var leafIndex))
        {
            // `/mimium/param name i:leaf value` for one value of a tuple parameter.
            return engine.SetParameter(name, (int)leafIndex, leafValue) ? Done(address) : Fail(address, $"\"{name}\" has no value {leafIndex}");
        }
        if (values.Count != info.Width) return Fail(address, $"\"{name}\" takes {info.Width} number(s), got {values.Count}");
        // All values are checked before any is set, so a bad one changes nothing.
        var numbers = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!values[i].TryGetDouble(out numbers[i])) return Fail(address, $"value {i} of \"{name}\" is not a number ({values[i].TypeTag})");
        }
        for (var i = 0; i < numbers.Length; i++) engine.SetParameter(name, i, numbers[i]);
        return Done(address);
    }

    private OscMessage Notify(OscInboundMessage inbound)
    {
        const string address = "/mimium/notify";
        var m = inbound.Message;
        if (m.Args.Count != 1 || !m.Args[0].TryGetInt64(out var on)) return Fail(address, "expected 1 (subscribe) or 0 (unsubscribe)");
        var result = on != 0
            ? notify.Register(inbound.RemoteEndPoint, inbound.Transport, inbound.Reply)
            : notify.Unregister(inbound.RemoteEndPoint, inbound.Transport);
        return result switch
        {
            NotifyHub.Result.Added or NotifyHub.Result.Removed => Done(address, notify.Count),
            NotifyHub.Result.AlreadyRegistered => Fail(address, "already registered"),
            NotifyHub.Result.TooMany => Fail(address, "too many clients"),
            _ => Fail(address, "not registered"),
        };
    }
}
