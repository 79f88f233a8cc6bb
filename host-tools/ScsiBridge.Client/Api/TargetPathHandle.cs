using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ScsiBridge.Client.Api
{
    /// <summary>An open target path: the data its host sends, as it comes; closing it (or disposing)
    /// closes the path on the bridge and ends the stream.</summary>
    public sealed class TargetPathHandle : IAsyncDisposable
    {
        private readonly BridgeClient _client;
        private readonly ChannelReader<TargetData> _reader;
        private bool _closed;

        internal TargetPathHandle(BridgeClient client, int initiatorId, uint correlator, ChannelReader<TargetData> reader)
        {
            _client = client;
            InitiatorId = initiatorId;
            Correlator = correlator;
            _reader = reader;
        }

        public int InitiatorId { get; }

        public uint Correlator { get; }

        /// <summary>Each piece of data the host sent, in order.</summary>
        public async IAsyncEnumerable<TargetData> ReceiveAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            while (await _reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (_reader.TryRead(out TargetData? d)) yield return d;
            }
        }

        /// <summary>Data for the host's next RECEIVE commands.</summary>
        public Task QueueAsync(System.ReadOnlyMemory<byte> data, CancellationToken ct = default) => _client.QueueReceiveDataAsync(InitiatorId, data, ct);

        public async Task CloseAsync(CancellationToken ct = default)
        {
            if (_closed) return;
            _closed = true;
            await _client.CloseTargetPathAsync(InitiatorId, ct).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await CloseAsync().ConfigureAwait(false);
            }
            catch (BridgeException)
            {
                // The link or the path is already gone: nothing left to close.
            }
            catch (System.ObjectDisposedException)
            {
            }
        }
    }
}
