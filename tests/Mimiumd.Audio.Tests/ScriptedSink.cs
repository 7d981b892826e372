namespace Mimiumd.Audio.Tests;

/// <summary>A sink whose failures are scripted: fails the first opens, loses the device after some writes.</summary>
internal sealed class ScriptedSink : IAudioSink
{
    public int FailOpens { get; set; }
    public int LoseDeviceAfterWrites { get; set; } = int.MaxValue;
    public int XrunEvery { get; set; }
    public int OpenCalls { get; private set; }
    public int CloseCalls { get; private set; }
    public long Writes;
    public Func<AudioFormat, AudioFormat> Grant { get; set; } = f => f;

    public string Name => "scripted";
    public SinkState State { get; private set; }
    public Exception? LastError { get; private set; }

    public AudioFormat Open(AudioFormat requested)
    {
        OpenCalls++;
        if (OpenCalls <= FailOpens)
        {
            State = SinkState.DeviceMissing;
            throw LastErrorIs(new IOException("no such device"));
        }
        State = SinkState.Open;
        return Grant(requested);
    }

    public SinkStatus Write(ReadOnlySpan<float> interleaved, int frames)
    {
        long n = Interlocked.Increment(ref Writes);
        if (n == LoseDeviceAfterWrites + 1)
        {
            State = SinkState.DeviceMissing;
            LastError = new IOException("device unplugged");
            return SinkStatus.DeviceMissing;
        }
        Thread.Sleep(0);
        return XrunEvery > 0 && n % XrunEvery == 0 ? SinkStatus.Xrun : SinkStatus.Ok;
    }

    public void Close()
    {
        CloseCalls++;
        if (State == SinkState.Open)
            State = SinkState.Closed;
    }

    public void Dispose() => Close();

    private Exception LastErrorIs(Exception e) => LastError = e;
}
