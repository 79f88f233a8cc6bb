namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The last few responses, by request id and opcode, so that a retransmitted request gets
    /// its recorded answer instead of being run twice. Fixed memory, made at start-up. The worker
    /// records and the receive side looks up, so both hold the lock.
    /// </summary>
    internal sealed class Replay
    {
        private readonly int[] _id;
        private readonly int[] _opcode;
        private readonly int[] _length;
        private readonly byte[][] _payload;
        private readonly object _lock = new object();
        private int _next;

        public Replay(int depth)
        {
            if (depth < 1) depth = 1;
            _id = new int[depth];
            _opcode = new int[depth];
            _length = new int[depth];
            _payload = new byte[depth][];
            for (int i = 0; i < depth; i++)
            {
                _payload[i] = new byte[ScsiBridge.Protocol.LinkConstants.MaxPayload];
                _id[i] = -1;
            }
        }

        public void Record(int id, int opcode, byte[] payload, int length)
        {
            lock (_lock) RecordLocked(id, opcode, payload, length);
        }

        private void RecordLocked(int id, int opcode, byte[] payload, int length)
        {
            int slot = _next;
            _next = (_next + 1) % _id.Length;
            _id[slot] = id;
            _opcode[slot] = opcode;
            _length[slot] = length;
            System.Array.Copy(payload, 0, _payload[slot], 0, length);
        }

        public bool Find(int id, int opcode, byte[] into, out int length)
        {
            lock (_lock) return FindLocked(id, opcode, into, out length);
        }

        private bool FindLocked(int id, int opcode, byte[] into, out int length)
        {
            for (int i = 0; i < _id.Length; i++)
            {
                if (_id[i] == id && _opcode[i] == opcode)
                {
                    length = _length[i];
                    System.Array.Copy(_payload[i], 0, into, 0, length);
                    return true;
                }
            }
            length = 0;
            return false;
        }

        public void Clear()
        {
            lock (_lock)
            {
                for (int i = 0; i < _id.Length; i++) _id[i] = -1;
            }
        }
    }
}
