using Mimium.Runtime.Vm;

namespace Mimium.Engine.Live;

public sealed partial class LiveEngine
{
    /// <summary>
    /// The audio thread's entry: renders one block of interleaved output, switching programs at
    /// the start of the block when one is waiting. Allocation-, lock- and wait-free.
    /// Returns false when the block is silent because of a fault or a concurrent control-side swap.
    /// </summary>
    public bool Render(Span<float> output, int channels, int frames, ReadOnlySpan<float> input = default, int inputChannels = 0)
    {
        if (Interlocked.CompareExchange(ref _owner, Audio, Free) != Free)
        {
            output[..(frames * channels)].Clear();
            return false;
        }
        try
        {
            if (Volatile.Read(ref _pending) is not null) ApplyPending();
            _options.Parameters?.ApplyPending();
            var current = _current;
            if (current is null || Fault is not null || Volatile.Read(ref _transport) != (int)TransportState.Playing)
            {
                output[..(frames * channels)].Clear();
                return false;
            }
            if (input.IsEmpty)
            {
                input = _emptyInput;
                inputChannels = 0;
            }
            if (!current.Render(input, inputChannels, output, channels, frames))
            {
                Fault = current.Fault;
                Interlocked.Increment(ref _faultCount);
                return false;
            }
            if (_fadingOut is not null) MixFadeOut(output, channels, frames, input, inputChannels);
            return true;
        }
        catch (Exception ex)
        {
            // A host function or an engine bug threw: silence this program like a runtime fault,
            // so it is reported and the next code push recovers, instead of the exception
            // reaching the audio loop (which would silence the daemon for good).
            output[..(frames * channels)].Clear();
            Fault = new VmFault(VmFaultKind.ExternalFailed, $"internal error while rendering: {ex.Message}", "dsp", default);
            Interlocked.Increment(ref _faultCount);
            return false;
        }
        finally
        {
            Volatile.Write(ref _owner, Free);
        }
    }

    /// <summary>Blends the outgoing program down while the new one comes up (linear, equal sum).</summary>
    private void MixFadeOut(Span<float> output, int channels, int frames, ReadOnlySpan<float> input, int inputChannels)
    {
        var old = _fadingOut!;
        var scratch = _fadeScratch.AsSpan(0, Math.Min(_fadeScratch.Length, frames * channels));
        var ok = frames * channels <= _fadeScratch.Length && old.Render(input, inputChannels, scratch, channels, frames);
        var length = _options.CrossfadeSamples;
        for (var f = 0; f < frames; f++)
        {
            var g = Math.Min(1f, (_fadePos + f) / (float)length);
            for (var c = 0; c < channels; c++)
            {
                var i = f * channels + c;
                output[i] = output[i] * g + (ok ? scratch[i] * (1 - g) : 0);
            }
        }
        _fadePos += frames;
        if (_fadePos >= length || !ok)
        {
            Volatile.Write(ref _retired, old);
            _fadingOut = null;
        }
    }
}
