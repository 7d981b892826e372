namespace Mimiumd.Audio;

public enum SinkState
{
    Closed,
    Open,
    /// <summary>The device vanished (unplugged); close and reopen later.</summary>
    DeviceMissing,
    /// <summary>Any other failure; close and reopen later.</summary>
    Failed,
}

public enum SinkStatus
{
    Ok,
    /// <summary>The period was written but the device had run dry first (an underrun was recovered).</summary>
    Xrun,
    DeviceMissing,
    Failed,
}
