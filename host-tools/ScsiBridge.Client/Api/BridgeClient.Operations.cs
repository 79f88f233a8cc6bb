using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>The adapter operations and typed SCSI helpers.</summary>
    public sealed partial class BridgeClient
    {
        private static byte[] Payload(Action<PayloadWriter> fill)
        {
            byte[] buffer = new byte[LinkConstants.MaxPayload];
            var w = new PayloadWriter().Reset(buffer, 0, buffer.Length);
            fill(w);
            return buffer.AsSpan(0, w.Length).ToArray();
        }

        /// <summary>Runs a request and checks its errno; returns a reader positioned after it.</summary>
        private async Task<PayloadReader> CallAsync(byte opcode, byte[] payload, CancellationToken ct)
        {
            byte[] response = await RequestAsync(opcode, payload, null, ct).ConfigureAwait(false);
            var r = new PayloadReader().Reset(response, 0, response.Length);
            int errno = (int)r.U32();
            if (errno != 0) throw new BridgeErrnoException(Opcodes.Name(opcode), errno);
            return r;
        }

        public async Task<BridgeInfo> HelloAsync(CancellationToken ct = default)
        {
            byte[] request = Payload(w => w.U8(LinkConstants.Version).U8(0));
            long started = NowMs;
            byte[] response = await RequestAsync(Opcodes.Hello, request, null, ct, default, 0, _options.HelloTimeout, _options.HelloAttempts).ConfigureAwait(false);
            MeasureLink(request.Length + response.Length, NowMs - started);
            var r = new PayloadReader().Reset(response, 0, response.Length);
            int errno = (int)r.U32();
            if (errno != 0) throw new BridgeErrnoException(Opcodes.Name(Opcodes.Hello), errno);
            var info = new BridgeInfo
            {
                Version = r.U8(),
                AdapterId = r.U8(),
                MaxPayload = r.U16(),
                MaxTransfer = r.U32(),
                RingBuffers = r.U16(),
                RingBufferSize = r.U16(),
                Window = r.U8(),
                Capabilities = r.U32(),
                FirmwareVersion = r.Str(),
                BoardName = r.Str(),
                Credits = r.Remaining >= 2 ? r.U16() : 1,
            };
            if (!r.Ok) throw new BridgeException("HELLO: the bridge's answer is too short; update the tool or the firmware");
            int extra;
            lock (_lock)
            {
                extra = Math.Clamp(info.Window, 1, 64) - Math.Clamp(Info?.Window ?? 1, 1, 64);
                _credits = Math.Max(1, info.Credits);
                Info = info;
            }
            if (extra > 0) _window.Release(extra);
            return info;
        }

        /// <summary>
        /// The link's rate, at least as fast as HELLO's round trip shows (its two frames with
        /// their headers and delimiters; the bridge's own reply time makes it an underestimate,
        /// which only makes waits longer). Waits for data scale with it.
        /// </summary>
        private void MeasureLink(int payloadBytes, long elapsedMs)
        {
            const int FrameOverhead = 2 * 16;
            double seconds = Math.Max(elapsedMs, 1) / 1000.0;
            double rate = Math.Clamp((payloadBytes + FrameOverhead) / seconds, 30, 12_000_000);
            Volatile.Write(ref _linkBytesPerSecond, rate);
        }

        internal string HelloBudgetSeconds() =>
            (_options.HelloTimeout.TotalSeconds * _options.HelloAttempts).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>What came back while HELLO went unanswered, for the error a person reads.</summary>
        internal string SilenceDescription()
        {
            long bytes = Interlocked.Read(ref _bytesIn);
            if (bytes == 0) return "nothing came back";
            if (Volatile.Read(ref _echoedRequests) > 0) return "what was sent came back unchanged (an echo or a loopback, not a bridge)";
            return bytes + " bytes came back that are not the bridge's frames (another device, or the wrong baud rate)";
        }

        /// <summary>IOCINFO: the adapter's own description.</summary>
        public async Task<AdapterDescription> IocInfoAsync(CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.IocInfo, Array.Empty<byte>(), ct).ConfigureAwait(false);
            return new AdapterDescription(r.U8(), r.U32(), r.U16(), r.U16(), r.U32(), r.Str());
        }

        public async Task ElevateAsync(string pin = "", CancellationToken ct = default)
        {
            await CallAsync(Opcodes.Elevate, Payload(w => w.Str(pin)), ct).ConfigureAwait(false);
        }

        public async Task StartDeviceAsync(int id, int lun, bool enableWrites = false, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.StartDevice, Payload(w => w.U8(id).U8(lun).U8(enableWrites ? 1 : 0)), ct).ConfigureAwait(false);
        }

        public async Task StopDeviceAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.StopDevice, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }

        /// <summary>SCIOLHALT: stops what runs on the device (the bridge runs it at once).</summary>
        public async Task HaltAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.Halt, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }

        /// <summary>SCIOLRESET: BUS DEVICE RESET; says whether the unit attention it caused was consumed.</summary>
        public async Task<(bool HadUnitAttention, int Asc, int Ascq)> ResetDeviceAsync(int id, int lun, CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.ResetDevice, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
            return (r.U8() != 0, r.U8(), r.U8());
        }

        public async Task RegisterEventsAsync(int id, int lun, uint correlator, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.RegisterEvents, Payload(w => w.U8(id).U8(lun).U32(correlator)), ct).ConfigureAwait(false);
        }

        /// <summary>The link's rate as HELLO measured it, in bytes a second (0 before HELLO).</summary>
        public double LinkBytesPerSecond => Volatile.Read(ref _linkBytesPerSecond);

        /// <summary>
        /// The timeout the bridge runs a command under: the caller's, for the device, plus the
        /// time its data takes on the link, since the bridge's timer runs while the data waits
        /// for the link (a 64 KiB read at 9600 baud takes over a minute on the wire alone).
        /// </summary>
        private TimeSpan BridgeTimeout(TimeSpan? timeout, int length)
        {
            TimeSpan device = timeout ?? TimeSpan.FromSeconds(30);
            double rate = LinkBytesPerSecond;
            return rate > 0 && length > 0 ? device + TimeSpan.FromSeconds(length * 1.5 / rate) : device;
        }

        private static byte[] ExecutePayload(int id, int lun, byte[] cdb, bool read, int length, TimeSpan? timeout, bool autoSense)
        {
            if (cdb.Length != 6 && cdb.Length != 10 && cdb.Length != 12 && cdb.Length != 16)
            {
                throw new ArgumentException("a CDB has 6, 10, 12 or 16 bytes, not " + cdb.Length, nameof(cdb));
            }
            if (id < 0 || id > 7 || lun < 0 || lun > 7) throw new ArgumentOutOfRangeException(nameof(id), "SCSI IDs and LUNs are 0 to 7");
            uint timeoutMs = (uint)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
            byte[] cdb16 = new byte[16];
            cdb.CopyTo(cdb16, 0);
            int flags = (read ? 1 : 0) | (autoSense ? 4 : 0);  // bit 2: the bridge fetches the sense at once
            return Payload(w => w.U8(id).U8(lun).U8(flags).U8(cdb.Length).Bytes(cdb16, 0, 16).U32((uint)length).U32(timeoutMs));
        }

        /// <summary>TMIOCMD: a raw CDB, reading up to dataIn bytes (0: no data). Returns the
        /// completion whatever the SCSI status; with autoSense, a CHECK CONDITION is followed by
        /// REQUEST SENSE and its decoded data is in the result. The bridge runs that REQUEST SENSE
        /// itself, at once, so other commands of the window cannot take the sense first.</summary>
        public async Task<ScsiResult> ExecuteAsync(int id, int lun, byte[] cdb, int dataIn = 0, TimeSpan? timeout = null,
                                                   bool autoSense = false, CancellationToken ct = default)
        {
            if (dataIn < 0) throw new ArgumentOutOfRangeException(nameof(dataIn), "the data length cannot be negative");
            CheckTransferLength(dataIn);
            byte[] payload = ExecutePayload(id, lun, cdb, dataIn > 0, dataIn, BridgeTimeout(timeout, dataIn), autoSense);
            byte[] data = new byte[dataIn];
            int whole = 0;  // data[0..whole) has arrived; frames come in offset order, a rerun from 0
            byte[] response = await RequestAsync(Opcodes.Execute, payload, (offset, buffer, start, count) =>
            {
                if (offset < 0 || offset >= data.Length) return;
                int n = Math.Min(count, data.Length - offset);
                Array.Copy(buffer, start, data, offset, n);
                if (offset <= whole) whole = Math.Max(whole, offset + n);
            }, ct, default, dataIn).ConfigureAwait(false);
            ScsiResult result = await CompleteAsync(id, lun, response, data, dataIn, timeout, autoSense, ct).ConfigureAwait(false);
            if (whole < result.Data.Length)
            {
                // A data frame was lost on the way (damaged, or its delimiter was): the bytes at
                // `whole` are not the device's. Never hand a hole over as data.
                lock (_lock) ReadDataLosses++;
                throw new BridgeDataLostException(whole, result.Data.Length);
            }
            return result;
        }

        /// <summary>TMIOCMD writing dataOut: the data follows the request in data frames, under the
        /// bridge's credits, and is resent from wherever the bridge says a frame was lost.</summary>
        public async Task<ScsiResult> ExecuteWriteAsync(int id, int lun, byte[] cdb, ReadOnlyMemory<byte> dataOut, TimeSpan? timeout = null,
                                                        bool autoSense = false, CancellationToken ct = default)
        {
            CheckTransferLength(dataOut.Length);
            byte[] payload = ExecutePayload(id, lun, cdb, false, dataOut.Length, BridgeTimeout(timeout, dataOut.Length), autoSense);
            byte[] response = await RequestAsync(Opcodes.Execute, payload, null, ct, dataOut).ConfigureAwait(false);
            return await CompleteAsync(id, lun, response, Array.Empty<byte>(), 0, timeout, autoSense, ct).ConfigureAwait(false);
        }

        /// <summary>A transfer longer than IOCINFO's largest is refused here, before anything is
        /// allocated or sent (the bridge would answer EINVAL).</summary>
        private void CheckTransferLength(int length)
        {
            uint largest = Info?.MaxTransfer ?? uint.MaxValue;
            if ((uint)length > largest)
            {
                throw new ArgumentOutOfRangeException("length", length + " bytes is more than the bridge's largest transfer, " + largest + " bytes (IOCINFO)");
            }
        }

        private async Task<ScsiResult> CompleteAsync(int id, int lun, byte[] response, byte[] data, int dataIn, TimeSpan? timeout,
                                                     bool autoSense, CancellationToken ct)
        {
            var r = new PayloadReader().Reset(response, 0, response.Length);
            int errno = (int)r.U32();
            int validity = r.U8(), status = r.U8(), adapter = r.U8();
            int residual = (int)r.U32();
            if (!r.Ok && errno == 0) throw new BridgeException("EXECUTE: the bridge's answer is too short");
            if (!r.Ok) throw new BridgeErrnoException("EXECUTE", errno);  // refused before it ran: no fields
            int got = Math.Clamp(dataIn - residual, 0, dataIn);
            SenseData? sense = null;
            int senseLength = r.Remaining > 0 ? r.U8() : 0;
            if (senseLength > 0)
            {
                byte[] bytes = new byte[senseLength];
                r.Bytes(bytes, 0, senseLength);
                sense = SenseData.Decode(bytes, senseLength);
            }
            else if (autoSense && status == 0x02)
            {
                // A bridge that did not fetch it (older firmware, or its REQUEST SENSE failed): ask now.
                ScsiResult s = await ExecuteAsync(id, lun, new byte[] { 0x03, 0, 0, 0, 18, 0 }, 18, timeout, false, ct).ConfigureAwait(false);
                sense = SenseData.Decode(s.Data, s.Data.Length);
            }
            return new ScsiResult
            {
                Errno = errno,
                Validity = validity,
                Status = status,
                AdapterStatus = adapter,
                Residual = residual,
                Data = got == dataIn ? data : data.AsSpan(0, got).ToArray(),
                Sense = sense,
            };
        }

        /// <summary>Runs a command that must succeed; throws ScsiCommandException (with sense) if not.</summary>
        public async Task<byte[]> CommandAsync(int id, int lun, byte[] cdb, int dataIn, CancellationToken ct = default)
        {
            ScsiResult result = await ExecuteAsync(id, lun, cdb, dataIn, null, true, ct).ConfigureAwait(false);
            if (!result.IsGood) throw new ScsiCommandException(result);
            return result.Data;
        }

        /// <summary>How many times a command that only reports (INQUIRY, READ CAPACITY) is sent
        /// again when its data was lost on the link.</summary>
        private const int ReportAttempts = 3;

        /// <summary>
        /// CommandAsync for a command that only reports and changes nothing on the drive: when
        /// its data frames were lost on the link the drive answered and the link lost it, so it
        /// is asked again. (Not for REQUEST SENSE, which clears what it reports, nor a tape's
        /// READ, which moves the tape.)
        /// </summary>
        private async Task<byte[]> ReportAsync(int id, int lun, byte[] cdb, int dataIn, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await CommandAsync(id, lun, cdb, dataIn, ct).ConfigureAwait(false);
                }
                catch (BridgeDataLostException) when (attempt < ReportAttempts)
                {
                    lock (_lock) ReadDataLosses++;
                }
            }
        }

        public async Task TestUnitReadyAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            await CommandAsync(id, lun, new byte[6], 0, ct).ConfigureAwait(false);
        }

        public async Task<InquiryData> InquiryAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] data = await ReportAsync(id, lun, new byte[] { 0x12, 0, 0, 0, 36, 0 }, 36, ct).ConfigureAwait(false);
            return InquiryData.Decode(data);
        }

        /// <summary>READ CAPACITY(10): the number of blocks and their length.</summary>
        public async Task<(long Blocks, int BlockLength)> ReadCapacityAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] d = await ReportAsync(id, lun, new byte[10] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 8, ct).ConfigureAwait(false);
            long last = ((long)d[0] << 24) | ((long)d[1] << 16) | ((long)d[2] << 8) | d[3];
            int length = (d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7];
            return (last + 1, length);
        }

        public async Task<SenseData?> RequestSenseAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] d = await CommandAsync(id, lun, new byte[] { 0x03, 0, 0, 0, 18, 0 }, 18, ct).ConfigureAwait(false);
            return SenseData.Decode(d, d.Length);
        }

        private static byte[] Rw10(byte opcode, long lba, int count) =>
            new byte[] { opcode, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };

        /// <summary>READ(10) of count blocks at lba.</summary>
        public Task<byte[]> ReadBlocksAsync(int id, int lun, long lba, int count, int blockLength, CancellationToken ct = default)
        {
            return CommandAsync(id, lun, Rw10(0x28, lba, count), count * blockLength, ct);
        }

        /// <summary>WRITE(10) of data (whole blocks) at lba; the session must have been started with writes enabled.</summary>
        public async Task WriteBlocksAsync(int id, int lun, long lba, ReadOnlyMemory<byte> data, int blockLength, CancellationToken ct = default)
        {
            if (blockLength <= 0 || data.Length % blockLength != 0) throw new ArgumentException("the data must be whole blocks of " + blockLength + " bytes", nameof(data));
            ScsiResult result = await ExecuteWriteAsync(id, lun, Rw10(0x2A, lba, data.Length / blockLength), data, null, true, ct).ConfigureAwait(false);
            if (!result.IsGood) throw new ScsiCommandException(result);
        }

        /// <summary>MODE SENSE(10) of one page (0x3F: all), current values, block descriptors
        /// skipped; the pages as the device returned them.</summary>
        public async Task<IReadOnlyList<ModePage>> ModeSenseAsync(int id, int lun = 0, int page = 0x3F, CancellationToken ct = default)
        {
            byte[] cdb = { 0x5A, 0x08, (byte)(page & 0x3F), 0, 0, 0, 0, 0x10, 0x00, 0 };  // DBD, 4096 bytes
            ScsiResult result = await ExecuteAsync(id, lun, cdb, 4096, null, true, ct).ConfigureAwait(false);
            if (!result.IsGood) throw new ScsiCommandException(result);
            return ModePage.Parse(result.Data, tenByteHeader: true);
        }

        public async Task<ProbeReport> ProbeAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Probe, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
            return ProbeReport.Read(id, lun, r);
        }

        public async Task<IReadOnlyList<ProbeReport>> ScanAsync(bool luns = false, CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Scan, Payload(w => w.U8(luns ? 1 : 0)), ct).ConfigureAwait(false);
            int count = r.U8();
            var list = new List<ProbeReport>(count);
            for (int i = 0; i < count; i++)
            {
                int id = r.U8(), lun = r.U8();
                list.Add(ProbeReport.Read(id, lun, r));
            }
            if (!r.Ok) throw new BridgeException("SCAN: the bridge's answer is too short");
            return list;
        }

        /// <summary>The link's counters on the bridge's side.</summary>
        public async Task<LinkStatistics> StatisticsAsync(CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Statistics, Array.Empty<byte>(), ct).ConfigureAwait(false);
            return LinkStatistics.Read(r);
        }

        /// <summary>
        /// Runs the bridge's self-tests one by one (SELFTEST). With busUnplugged the tests that
        /// drive every bus line run too; the session must be elevated for that, and the cable
        /// must be unplugged with the bus terminated. Without it they come back skipped.
        /// </summary>
        public async Task<IReadOnlyList<SelfTestReport>> SelfTestAsync(bool busUnplugged, CancellationToken ct = default)
        {
            var reports = new List<SelfTestReport>();
            int count = 1;
            for (int index = 0; index < count; index++)
            {
                PayloadReader r = await CallAsync(Opcodes.SelfTest, Payload(w => w.U16(index).U8(busUnplugged ? 1 : 0)), ct).ConfigureAwait(false);
                count = r.U16();
                string name = r.Str();
                int outcome = r.U8();
                string message = r.Str();
                if (!r.Ok) throw new BridgeLinkException("SELFTEST", LinkErrors.BadLength, "the answer is shorter than its fields");
                reports.Add(new SelfTestReport(name, SelfTestReport.OutcomeName(outcome), message));
            }

            return reports;
        }

        /// <summary>The bridge's asynchronous device events, as they come.</summary>
        public async IAsyncEnumerable<DeviceEvent> EventsAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            while (await _events.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (_events.Reader.TryRead(out DeviceEvent? e)) yield return e;
            }
        }
    }
}
