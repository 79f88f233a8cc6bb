using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>Target mode over the link: receive paths (SCIOSTARTTGT) and emulated images.</summary>
    public sealed partial class BridgeClient
    {
        /// <summary>Kinds of image IMAGE_ATTACH serves.</summary>
        public enum ImageKind
        {
            Disk = 0,
            Cdrom = 1,
            Removable = 2,
            Tape = 3,
        }

        /// <summary>
        /// Opens a receive path for data the host at initiatorId SENDs to the bridge's processor
        /// device; its data arrives through the returned path. bufferSize (at most 4096) and
        /// buffers (at least 16) are the bridge's share of its ring for this host.
        /// </summary>
        public async Task<TargetPathHandle> OpenTargetPathAsync(int initiatorId, uint correlator = 0, int bufferSize = 4096, int buffers = 16,
                                                                 CancellationToken ct = default)
        {
            if (initiatorId < 0 || initiatorId > 7) throw new ArgumentOutOfRangeException(nameof(initiatorId), "SCSI IDs are 0 to 7");
            var channel = Channel.CreateUnbounded<TargetData>();
            lock (_lock)
            {
                if (_targetData[initiatorId] != null) throw new InvalidOperationException("a path for initiator " + initiatorId + " is already open on this client");
                _targetData[initiatorId] = channel;
            }
            try
            {
                await CallAsync(Opcodes.TargetOpen, Payload(w => w.U8(initiatorId).U16(bufferSize).U16(buffers).U32(correlator)), ct).ConfigureAwait(false);
            }
            catch
            {
                lock (_lock) _targetData[initiatorId] = null;
                throw;
            }
            return new TargetPathHandle(this, initiatorId, correlator, channel.Reader);
        }

        internal async Task CloseTargetPathAsync(int initiatorId, CancellationToken ct)
        {
            try
            {
                await CallAsync(Opcodes.TargetClose, Payload(w => w.U8(initiatorId)), ct).ConfigureAwait(false);
            }
            finally
            {
                Channel<TargetData>? channel;
                lock (_lock)
                {
                    channel = _targetData[initiatorId];
                    _targetData[initiatorId] = null;
                }
                channel?.Writer.TryComplete();
            }
        }

        /// <summary>Queues data for the host's next RECEIVE commands on its path.</summary>
        public async Task QueueReceiveDataAsync(int initiatorId, ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            const int room = LinkConstants.MaxPayload - 1;
            for (int at = 0; at < data.Length; at += room)
            {
                ReadOnlyMemory<byte> part = data.Slice(at, Math.Min(room, data.Length - at));
                byte[] payload = new byte[1 + part.Length];
                payload[0] = (byte)initiatorId;
                part.Span.CopyTo(payload.AsSpan(1));
                await CallAsync(Opcodes.TargetQueue, payload, ct).ConfigureAwait(false);
            }
        }

        /// <summary>Serves an image from the bridge's image store at an ID and LUN of its target side.</summary>
        public async Task AttachImageAsync(int id, int lun, ImageKind kind, string name, bool readOnly = false, CancellationToken ct = default)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 255) throw new ArgumentException("an image name has 1 to 255 characters", nameof(name));
            await CallAsync(Opcodes.ImageAttach, Payload(w => w.U8(id).U8(lun).U8((int)kind).U8(readOnly ? 1 : 0).Str(name)), ct).ConfigureAwait(false);
        }

        public async Task DetachImageAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.ImageDetach, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }

        /// <summary>The images the bridge can attach (its image folder), with their sizes in bytes.</summary>
        public async Task<IReadOnlyList<(string Name, long Size)>> ListImagesAsync(CancellationToken ct = default)
        {
            var list = new List<(string Name, long Size)>();
            while (true)
            {
                int start = list.Count;
                PayloadReader r = await CallAsync(Opcodes.ImageList, Payload(w => w.U16(start)), ct).ConfigureAwait(false);
                int total = r.U16(), count = r.U8();
                for (int i = 0; i < count; i++)
                {
                    string name = r.Str();
                    long size = r.U32() | ((long)r.U32() << 32);
                    list.Add((name, size));
                }
                if (!r.Ok) throw new BridgeException("IMAGE_LIST: the bridge's answer is too short");
                if (count == 0 || list.Count >= total) return list;
            }
        }

        /// <summary>The eject button of a removable unit or CD-ROM the bridge serves.</summary>
        public async Task EjectImageAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.ImageEject, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }
    }
}
