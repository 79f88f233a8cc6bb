using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// Target mode as its callers see it: SCIOSTARTTGT and its stop, RECEIVE data, and the
    /// processor device they run on. Privileged, like all of target mode.
    /// </summary>
    public sealed class ScsiTarget
    {
        public const int MaxPathBufferSize = 4096;
        public const int MinPathBuffers = 16;

        private readonly object _lock = new object();
        private readonly TargetEngine _engine;
        private readonly int _processorId;
        private readonly TargetPath[] _paths = new TargetPath[8];
        private readonly OutgoingQueue _outgoing;
        private int _reserved;

        /// <summary>The processor device answers at processorId (one of the engine's IDs), LUN 0.</summary>
        public ScsiTarget(TargetEngine engine, int processorId)
        {
            _engine = engine;
            _processorId = processorId;
            for (int i = 0; i < 8; i++) _paths[i] = new TargetPath(engine.Ring, i);
            _outgoing = new OutgoingQueue(engine.Ring);
            engine.SetUnit(processorId, 0, new ProcessorUnit(_paths, engine.Ring, _outgoing), true);
        }

        /// <summary>
        /// Opens a path for data from initiatorId. EINVAL: a path for that ID is open, the ID is
        /// the bridge's own or out of range, lun is not 0, bufferSize above 4096 (or not
        /// positive), fewer than 16 buffers, no receiver. ENOMEM: the ring cannot supply the
        /// buffers. EIO: the target is not listening on the bus. EPERM: not elevated.
        /// </summary>
        public int StartTarget(int initiatorId, int lun, int bufferSize, int buffers, ITargetReceiver? receiver,
                               int correlator, bool elevated, out TargetPath? path)
        {
            path = null;
            if (!elevated) return Errno.EPERM;
            if (initiatorId < 0 || initiatorId > 7 || initiatorId == _processorId) return Errno.EINVAL;
            if (lun != 0 || bufferSize <= 0 || bufferSize > MaxPathBufferSize || buffers < MinPathBuffers || receiver == null)
            {
                return Errno.EINVAL;
            }
            if (bufferSize > _engine.Ring.BufferSize) return Errno.EINVAL;
            lock (_lock)
            {
                TargetPath p = _paths[initiatorId];
                if (p.IsOpen) return Errno.EINVAL;
                if (_reserved + buffers > _engine.Ring.Count) return Errno.ENOMEM;
                if (!_engine.IsRunning) return Errno.EIO;
                _reserved += buffers;
                p.Open(bufferSize, buffers, receiver, correlator);
                path = p;
            }
            return Errno.Ok;
        }

        /// <summary>Closes the path: no more deliveries; buffers still out come back through Free
        /// (the ring takes them whenever the receiver frees them), queued RECEIVE data is dropped.</summary>
        public int StopTarget(int initiatorId, bool elevated)
        {
            if (!elevated) return Errno.EPERM;
            if (initiatorId < 0 || initiatorId > 7) return Errno.EINVAL;
            lock (_lock)
            {
                TargetPath p = _paths[initiatorId];
                if (!p.IsOpen) return Errno.EINVAL;
                p.Close();
                _reserved -= p.Buffers;
            }
            _outgoing.Drop(initiatorId);
            return Errno.Ok;
        }

        /// <summary>Queues data for the host's next RECEIVE commands. EINVAL: no path for that host.</summary>
        public int QueueReceiveData(int initiatorId, byte[] data, int offset, int count, bool elevated)
        {
            if (!elevated) return Errno.EPERM;
            if (initiatorId < 0 || initiatorId > 7 || data == null || offset < 0 || count <= 0 || offset + count > data.Length)
            {
                return Errno.EINVAL;
            }
            if (!_paths[initiatorId].IsOpen) return Errno.EINVAL;
            return _outgoing.Add(initiatorId, data, offset, count);
        }
    }
}
