namespace Mimiumd.Hosting;

/// <summary>The "Mimiumd" configuration section (config/mimiumd.json documents each setting).</summary>
public sealed class DaemonOptions
{
    public string Program { get; set; } = "";
    public string StateDirectory { get; set; } = "state";
    public OscOptions Osc { get; set; } = new();
    public AudioOptions Audio { get; set; } = new();
    public EngineOptions Engine { get; set; } = new();
}

public sealed class OscOptions
{
    public string Bind { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 57140;
    public int MaxUdpCodeBytes { get; set; } = 16384;
    public int MaxCodeBytes { get; set; } = 1024 * 1024;
    public string SharedSecret { get; set; } = "";
    public List<string> AllowedNetworks { get; set; } = new() { "127.0.0.0/8", "::1/128" };
    public int MaxNotifyClients { get; set; } = 16;
    public int MaxTcpConnections { get; set; } = 32;
}

public sealed class AudioOptions
{
    public string Output { get; set; } = "alsa:default";
    public int SampleRate { get; set; } = 48000;
    public int PeriodFrames { get; set; } = 256;
    public int Periods { get; set; } = 3;
    public int Channels { get; set; } = 2;
    public int RealtimePriority { get; set; } = 70;
    public bool Unpaced { get; set; }
    public float LimiterCeiling { get; set; } = 1.0f;
    public int CrossfadeMilliseconds { get; set; }
}

public sealed class EngineOptions
{
    public bool SelfInit0 { get; set; }
    public long DspCallBudget { get; set; } = 1_000_000;
    public long InitCallBudget { get; set; } = 20_000_000;
    public int MaxCallDepth { get; set; } = 1000;
}
