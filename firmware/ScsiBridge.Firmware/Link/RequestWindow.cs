using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The requests a PC has in flight: a fixed number of slots (the window HELLO advertises),
    /// each with room for a whole payload, taken in arrival order by the link's worker thread.
    /// While the worker runs one request the receive side keeps admitting the next, so the bus
    /// starts each command as soon as the last has finished instead of a link round trip later.
    /// </summary>
    internal sealed class RequestWindow
    {
        private readonly object _lock = new object();
        private readonly int[] _opcode;
        private readonly int[] _id;
        private readonly int[] _flags;
        private readonly int[] _length;
        private readonly byte[][] _payload;
        private readonly bool[] _inUse;
        private readonly int[] _order;   // FIFO of slot numbers waiting for the worker
        private int _head;
        private int _waiting;
        private int _running = -1;

        public RequestWindow(int slots)
        {
            _opcode = new int[slots];
            _id = new int[slots];
            _flags = new int[slots];
            _length = new int[slots];
            _payload = new byte[slots][];
            _inUse = new bool[slots];
            _order = new int[slots];
            for (int i = 0; i < slots; i++) _payload[i] = new byte[LinkConstants.MaxPayload];
        }

        /// <summary>True when no request waits or runs.</summary>
        public bool IsEmpty
        {
            get { lock (_lock) { return _waiting == 0 && _running < 0; } }
        }

        /// <summary>Copies the request into a free slot; false when the window is full.</summary>
        public bool Admit(int opcode, int id, int flags, byte[] payload, int offset, int length)
        {
            lock (_lock)
            {
                for (int slot = 0; slot < _inUse.Length; slot++)
                {
                    if (_inUse[slot]) continue;
                    _inUse[slot] = true;
                    _opcode[slot] = opcode;
                    _id[slot] = id;
                    _flags[slot] = flags;
                    _length[slot] = length;
                    System.Array.Copy(payload, offset, _payload[slot], 0, length);
                    _order[(_head + _waiting) % _order.Length] = slot;
                    _waiting++;
                    return true;
                }
                return false;
            }
        }

        /// <summary>The slot holding a request with this id (waiting or running), or -1.</summary>
        public int Find(int id)
        {
            lock (_lock)
            {
                for (int slot = 0; slot < _inUse.Length; slot++)
                {
                    if (_inUse[slot] && _id[slot] == id) return slot;
                }
                return -1;
            }
        }

        /// <summary>The next request for the worker, now running; -1 when none waits.</summary>
        public int Next()
        {
            lock (_lock)
            {
                if (_waiting == 0) return -1;
                int slot = _order[_head];
                _head = (_head + 1) % _order.Length;
                _waiting--;
                _running = slot;
                return slot;
            }
        }

        /// <summary>The running request has been answered; its slot is free again.</summary>
        public void Done(int slot)
        {
            lock (_lock)
            {
                _inUse[slot] = false;
                if (_running == slot) _running = -1;
            }
        }

        /// <summary>Forgets every waiting request (the session ended); the running one finishes.</summary>
        public void DropWaiting()
        {
            lock (_lock)
            {
                while (_waiting > 0)
                {
                    _inUse[_order[_head]] = false;
                    _head = (_head + 1) % _order.Length;
                    _waiting--;
                }
            }
        }

        public int Opcode(int slot)
        {
            return _opcode[slot];
        }

        public int Id(int slot)
        {
            return _id[slot];
        }

        public int Flags(int slot)
        {
            return _flags[slot];
        }

        public int Length(int slot)
        {
            return _length[slot];
        }

        public byte[] Payload(int slot)
        {
            return _payload[slot];
        }
    }
}
