namespace Mimiumd.Osc.Transport.Client;

/// <summary>
/// Hands each received message to every waiter whose predicate accepts it. Messages nobody waits
/// for are kept briefly, so a caller that starts waiting just after a message arrived still sees it.
/// </summary>
internal sealed class ReplyRouter
{
    private const int BacklogCapacity = 64;

    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly Queue<OscMessage> _backlog = new();
    private Exception? _closedBecause;

    public Waiter Register(Func<OscMessage, bool> predicate, bool searchBacklog)
    {
        var waiter = new Waiter(predicate);
        lock (_gate)
        {
            if (_closedBecause is not null)
            {
                waiter.Completion.TrySetException(_closedBecause);
                return waiter;
            }

            if (searchBacklog && TryTakeFromBacklog(waiter))
            {
                return waiter;
            }

            _waiters.Add(waiter);
        }

        return waiter;
    }

    public void Unregister(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }
    }

    public void Publish(OscMessage message)
    {
        lock (_gate)
        {
            bool delivered = false;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                Waiter waiter = _waiters[i];
                if (waiter.Offer(message, out bool accepted))
                {
                    delivered |= accepted;
                    _waiters.RemoveAt(i);
                }
            }

            if (!delivered)
            {
                if (_backlog.Count == BacklogCapacity)
                {
                    _backlog.Dequeue();
                }

                _backlog.Enqueue(message);
            }
        }
    }

    /// <summary>Fails every current and future waiter, e.g. once the server closed the connection.</summary>
    public void Close(Exception reason)
    {
        lock (_gate)
        {
            _closedBecause ??= reason;
            foreach (Waiter waiter in _waiters)
            {
                waiter.Completion.TrySetException(reason);
            }

            _waiters.Clear();
        }
    }

    private bool TryTakeFromBacklog(Waiter waiter)
    {
        int count = _backlog.Count;
        bool taken = false;
        // Rotate through the queue once, removing only the first match, to keep arrival order.
        for (int i = 0; i < count; i++)
        {
            OscMessage message = _backlog.Dequeue();
            if (!taken && waiter.Offer(message, out bool accepted))
            {
                taken = true;
                if (accepted)
                {
                    continue;
                }
            }

            _backlog.Enqueue(message);
        }

        return taken;
    }

    internal sealed class Waiter(Func<OscMessage, bool> predicate)
    {
        public TaskCompletionSource<OscMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// Returns true once this waiter is finished: it accepted the message, or its predicate threw
        /// and the waiter failed with that exception (then <paramref name="accepted"/> is false).
        /// </summary>
        public bool Offer(OscMessage message, out bool accepted)
        {
            try
            {
                accepted = predicate(message) && Completion.TrySetResult(message);
                return accepted;
            }
            catch (Exception exception)
            {
                accepted = false;
                Completion.TrySetException(exception);
                return true;
            }
        }
    }
}
