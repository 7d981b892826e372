using System.Net;

namespace Mimiumd.Osc.Transport.Client;

/// <summary>What <see cref="OscClient"/> needs from a transport: send encoded packets, surface received ones.</summary>
internal interface IClientConnection : IDisposable
{
    IPEndPoint LocalEndPoint { get; }

    ValueTask SendAsync(byte[] packet, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onPacket"/> for every packet received until the connection ends or is cancelled.</summary>
    Task ReceiveAsync(Action<ReadOnlyMemory<byte>> onPacket, CancellationToken cancellationToken);
}
