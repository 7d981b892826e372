namespace Mimium.Engine.Live;

public enum TransportState
{
    /// <summary>Rendering the program.</summary>
    Playing,
    /// <summary>Time frozen, output silent; `play` resumes where it was.</summary>
    Paused,
    /// <summary>Output silent; `play` restarts time at 0 with fresh state.</summary>
    Stopped,
}

public sealed partial class LiveEngine
{
    private int _transport = (int)TransportState.Playing;
    // Transport commands take turns so every outcome matches some order of the commands; the
    // audio thread only reads the state.
    private readonly object _transportGate = new();

    public TransportState Transport => (TransportState)Volatile.Read(ref _transport);

    /// <summary>Why the last play-after-stop could not restart the program, if it could not.</summary>
    public Mimium.Runtime.Vm.VmFault? RestartFault { get; private set; }

    /// <summary>Raised (on the calling thread) after every transport change.</summary>
    public event Action<TransportState>? TransportChanged;

    /// <summary>
    /// From Stopped: the current program starts over (time 0, fresh state, globals re-evaluated).
    /// From Paused: resumes. Returns the new state.
    /// </summary>
    public TransportState Play()
    {
        lock (_submitGate)
        lock (_transportGate)
        {
            if (Transport == TransportState.Stopped && Current is { } playing)
            {
                var fresh = new ProgramInstance(playing.Program, _options.Vm with { SampleRate = _options.SampleRate }, _options.Externals);
                if (!fresh.Initialize())
                {
                    // Its global evaluation failed this time: stay stopped rather than resume the
                    // old instance as if it had restarted.
                    RestartFault = fresh.Fault;
                    return TransportState.Stopped;
                }
                fresh.Vm.ReserveHeap(Math.Max(playing.Vm.HeapHighWater * 2, playing.Vm.HeapHighWater + (1 << 16)));
                fresh.Vm.HeapFrozen = true;
                // The same program version starting over: no migration plan, as a restart
                // deliberately begins from zero state.
                Volatile.Write(ref _pending, new PendingSwap(fresh, null, null, Version, System.Diagnostics.Stopwatch.GetTimestamp(), Restart: true));
            }
            RestartFault = null;
            Volatile.Write(ref _transport, (int)TransportState.Playing);
        }
        TransportChanged?.Invoke(TransportState.Playing);
        return TransportState.Playing;
    }

    public TransportState Pause()
    {
        TransportState next;
        lock (_transportGate)
        {
            next = Transport == TransportState.Stopped ? TransportState.Stopped : TransportState.Paused;
            Volatile.Write(ref _transport, (int)next);
        }
        TransportChanged?.Invoke(next);
        return next;
    }

    public TransportState Stop()
    {
        lock (_transportGate) Volatile.Write(ref _transport, (int)TransportState.Stopped);
        TransportChanged?.Invoke(TransportState.Stopped);
        return TransportState.Stopped;
    }

    /// <summary>Silences at once and clears the program's state: a reset for a runaway patch.</summary>
    public void Panic()
    {
        Stop();
        Play();
    }
}
