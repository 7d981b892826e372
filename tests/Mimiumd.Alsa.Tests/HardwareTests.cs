using System.Diagnostics;
using System.Runtime.InteropServices;
using Mimiumd.Audio;

namespace Mimiumd.Alsa.Tests;

/// <summary>The paths a file PCM cannot reach: blocking writes paced by a kernel driver, underrun recovery,
/// and samples crossing a real card (snd-aloop plays back what it is given on its capture side).</summary>
[Collection(AlsaCollection.Name)]
public sealed class HardwareTests
{
    private static readonly AudioFormat Format = new(48000, 2, 256);

    // The guest runs under emulation (TCG): a buffer of 4 × 21 ms leaves room for its hiccups.
    private static readonly AudioFormat Roomy = new(48000, 2, 1024);

    [HardwareFact]
    public void Card_paces_the_block_loop_at_the_sample_rate()
    {
        using var sink = new AlsaPcmSink("hw:CARD=Loopback,DEV=0");
        using var loop = new BlockLoop(sink, new Silence(), Format);
        loop.Start();
        Assert.True(loop.WaitUntilRunning(TimeSpan.FromSeconds(10)));
        Thread.Sleep(300);
        long p0 = loop.Periods;
        var watch = Stopwatch.StartNew();
        Thread.Sleep(1500);
        double rate = (loop.Periods - p0) * (double)Format.PeriodFrames / watch.Elapsed.TotalSeconds;
        loop.Stop();
        // The card never lets the loop run ahead; it falls behind only when an emulated guest on a busy
        // host misses periods, which then show up as xruns.
        Assert.InRange(rate, loop.Xruns == 0 ? 48000 * 0.9 : 0, 48000 * 1.1);
        Assert.Equal(AlsaSampleFormat.FloatLe, sink.SampleFormat);
        Assert.Equal(3 * loop.ActiveFormat!.Value.PeriodFrames, sink.BufferFrames);
    }

    [HardwareFact]
    public void Busy_device_fails_at_once_instead_of_waiting_for_its_holder()
    {
        // With every substream of the dummy card taken, the next open must fail at once, not wait for a free one.
        var holders = new List<AlsaPcmSink>();
        try
        {
            AlsaException? busy = null;
            var watch = Stopwatch.StartNew();
            while (busy is null && holders.Count < 64)
            {
                var sink = new AlsaPcmSink("hw:CARD=Dummy,DEV=0");
                holders.Add(sink);
                try
                {
                    sink.Open(Roomy);
                }
                catch (AlsaException e)
                {
                    busy = e;
                }
            }
            Assert.NotNull(busy);
            Assert.Equal(-Interop.Alsa.EBUSY, busy.ErrorCode);
            Assert.Contains("another program holds the device", busy.Message);
            Assert.Equal(SinkState.Failed, holders[^1].State);
            Assert.True(holders.Count > 1 && watch.Elapsed < TimeSpan.FromSeconds(10));
        }
        finally
        {
            holders.ForEach(h => h.Dispose());
        }
    }

    [HardwareFact]
    public void Underrun_is_recovered_and_counted()
    {
        using var sink = new AlsaPcmSink("hw:CARD=Dummy,DEV=0");
        var granted = sink.Open(Roomy);
        var block = new float[granted.SamplesPerPeriod];
        var statuses = new List<SinkStatus>();
        for (int i = 0; i < 6; i++)
            statuses.Add(sink.Write(block, granted.PeriodFrames));
        Thread.Sleep(1000); // far longer than the buffer: the device runs dry
        for (int i = 0; i < 8; i++)
            statuses.Add(sink.Write(block, granted.PeriodFrames));
        Assert.Equal([.. Enumerable.Repeat(SinkStatus.Ok, 6), SinkStatus.Xrun, .. Enumerable.Repeat(SinkStatus.Ok, 7)], statuses);
        Assert.Equal(1, sink.Xruns);
    }

    [HardwareFact]
    public void S32_samples_cross_the_loopback_card_bit_exact()
    {
        string capture = Path.Combine(Path.GetTempPath(), $"mimiumd-aloop-{Guid.NewGuid():N}.raw");
        // arecord opens first, so the loopback runs in S32_LE and our sink must negotiate that format too.
        using var arecord = Process.Start(new ProcessStartInfo("arecord",
            ["-q", "-D", "hw:CARD=Loopback,DEV=1", "-f", "S32_LE", "-c", "2", "-r", "48000", "-t", "raw", "-d", "3", capture])
        { RedirectStandardError = true })!;
        Thread.Sleep(500);
        var played = new float[48000 * 2];
        for (int i = 0; i < played.Length; i++)
            played[i] = ((i * 7919 % 65536) - 32768) / 32768f; // distinct, exact in S32
        long xruns;
        using (var sink = new AlsaPcmSink(new AlsaPcmOptions { Device = "hw:CARD=Loopback,DEV=0", Periods = 4 }))
        {
            var granted = sink.Open(Roomy);
            Assert.Equal(AlsaSampleFormat.S32Le, sink.SampleFormat);
            var silence = new float[granted.SamplesPerPeriod];
            for (int off = 0; off < played.Length; off += granted.SamplesPerPeriod)
                Assert.NotEqual(SinkStatus.Failed, sink.Write(played.AsSpan(off, Math.Min(granted.SamplesPerPeriod, played.Length - off)), Math.Min(granted.PeriodFrames, (played.Length - off) / 2)));
            // Trailing silence: snd-aloop may drop a tick right before the end of a stream.
            for (int i = 0; i < 20; i++)
                sink.Write(silence, granted.PeriodFrames);
            xruns = sink.Xruns;
        }
        Assert.True(arecord.WaitForExit(15000), "arecord did not finish");
        var got = MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(capture)).ToArray();
        File.Delete(capture);
        int first = Array.FindIndex(got, x => x != 0);
        Assert.True(first >= 0, "nothing arrived");
        var expected = played.Select(x => (int)Math.Round(x * 2147483648.0)).ToArray();
        int skip = Array.IndexOf(expected, got[first]); // the first played samples may be exact zeros
        Assert.InRange(skip, 0, 1);
        int matching = 0;
        while (first + matching < got.Length && skip + matching < expected.Length && got[first + matching] == expected[skip + matching])
            matching++;
        Assert.True(skip + matching == expected.Length, $"{matching} of {expected.Length - skip} samples arrived in order ({xruns} xruns)");
    }

    private sealed class Silence : IAudioRenderer
    {
        public void Render(Span<float> interleaved, int frames, int channels) => interleaved.Clear();
    }
}
