namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>A first-in first-out list of requests linked through the requests themselves, so
    /// queueing allocates nothing. Not thread-safe: the adapter holds its lock.</summary>
    internal sealed class RequestQueue
    {
        private IoRequest? _head;
        private IoRequest? _tail;

        public int Count { get; private set; }

        public void Enqueue(IoRequest r)
        {
            r.Next = null;
            if (_tail == null) _head = r; else _tail.Next = r;
            _tail = r;
            Count++;
        }

        public void PushFront(IoRequest r)
        {
            r.Next = _head;
            _head = r;
            if (_tail == null) _tail = r;
            Count++;
        }

        /// <summary>The first request whose device has no command under way, taken off the list.</summary>
        public IoRequest? TakeFirstStartable(IoRequest?[] active)
        {
            IoRequest? prev = null;
            for (IoRequest? r = _head; r != null; prev = r, r = r.Next)
            {
                if (active[r.Slot] == null)
                {
                    Unlink(prev, r);
                    return r;
                }
            }
            return null;
        }

        /// <summary>The first queued request for a device, taken off the list (null if none).</summary>
        public IoRequest? TakeFirstFor(int slot)
        {
            IoRequest? prev = null;
            for (IoRequest? r = _head; r != null; prev = r, r = r.Next)
            {
                if (r.Slot == slot)
                {
                    Unlink(prev, r);
                    return r;
                }
            }
            return null;
        }

        public bool HasStartable(IoRequest?[] active)
        {
            for (IoRequest? r = _head; r != null; r = r.Next)
            {
                if (active[r.Slot] == null) return true;
            }
            return false;
        }

        public bool Contains(IoRequest r)
        {
            for (IoRequest? q = _head; q != null; q = q.Next)
            {
                if (q == r) return true;
            }
            return false;
        }

        private void Unlink(IoRequest? prev, IoRequest r)
        {
            if (prev == null) _head = r.Next; else prev.Next = r.Next;
            if (_tail == r) _tail = prev;
            r.Next = null;
            Count--;
        }
    }
}
