namespace Mimium.Engine.Parameters;

/// <summary>
/// A bounded single-producer single-consumer ring: the producer and consumer never block each
/// other and neither allocates. A full queue drops the new item and counts it.
/// </summary>
public sealed class SpscQueue<T>
{
    private readonly T[] _items;
    private readonly int _mask;
    private long _head; // next to read (consumer)
    private long _tail; // next to write (producer)
    private long _dropped;

    public SpscQueue(int capacity)
    {
        var size = 1;
        while (size < capacity) size <<= 1;
        _items = new T[size];
        _mask = size - 1;
    }

    public long Dropped => Interlocked.Read(ref _dropped);
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    public bool TryEnqueue(T item)
    {
        var tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _items.Length)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }
        _items[tail & _mask] = item;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    public bool TryDequeue(out T item)
    {
        var head = _head;
        if (head >= Volatile.Read(ref _tail))
        {
            item = default!;
            return false;
        }
        item = _items[head & _mask];
        Volatile.Write(ref _head, head + 1);
        return true;
    }
}
