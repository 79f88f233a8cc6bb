using System;
using System.IO;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.SimHost
{
    /// <summary>A processor peer's receive routine: appends what the bridge SENDs to a file (or
    /// only counts it) and frees each buffer at once.</summary>
    internal sealed class ProcessorSink : ITargetReceiver, IDisposable
    {
        private readonly FileStream? _file;

        public ProcessorSink(string? path)
        {
            if (path != null) _file = new FileStream(path, FileMode.Append, FileAccess.Write);
        }

        public long Bytes { get; private set; }

        public void OnReceive(TargetDelivery delivery)
        {
            try
            {
                _file?.Write(delivery.Buffer!.Data, 0, delivery.Count);
                _file?.Flush();
                Bytes += delivery.Count;
            }
            finally
            {
                delivery.Path!.Free(delivery.Buffer);
            }
        }

        public void Dispose() => _file?.Dispose();
    }
}
