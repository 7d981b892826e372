using Mimiumd.Osc;

namespace Mimiumd.Engine;

/// <summary>The fields of `/mimium/status.reply`, in order (README: OSC address space).</summary>
public sealed record StatusSnapshot(
    string Transport,
    int Version,
    float SampleRate,
    int PeriodFrames,
    float CpuAverage,
    float CpuPeak,
    int Xruns,
    string DeviceState,
    string Device,
    double UptimeSeconds,
    int MalformedPackets,
    int Faults,
    int NotifyClients)
{
    public OscMessage ToMessage() => new("/mimium/status.reply",
        Transport, Version, SampleRate, PeriodFrames, CpuAverage, CpuPeak, Xruns, DeviceState, Device, UptimeSeconds, MalformedPackets, Faults, NotifyClients);
}
