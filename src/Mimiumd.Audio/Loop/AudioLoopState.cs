namespace Mimiumd.Audio;

public enum AudioLoopState
{
    NotStarted,
    Opening,
    Running,
    /// <summary>The device is gone; the loop retries opening it with back-off ("audio device missing").</summary>
    DeviceMissing,
    /// <summary>Opening or writing failed otherwise; the loop retries with back-off.</summary>
    SinkFailed,
    Stopped,
}
