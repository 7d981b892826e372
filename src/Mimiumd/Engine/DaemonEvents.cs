namespace Mimiumd.Engine;

/// <summary>Something subscribers (`/mimium/notify`) hear about.</summary>
public abstract record DaemonEvent;

public sealed record CompileFailed(string Message, int Line, int Column) : DaemonEvent;

public sealed record ProgramChanged(int Version, string Summary) : DaemonEvent;

public sealed record TransportChanged(string State) : DaemonEvent;

public sealed record DeviceChanged(string State, string Device) : DaemonEvent;

public sealed record XrunsOccurred(long Total) : DaemonEvent;

public sealed record ProgramFaulted(string Message) : DaemonEvent;
