using System;
using System.Collections.Generic;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Esp32;

namespace ScsiBridge.Hal.Esp32.Tests
{
    /// <summary>The interop component's controller calls, recorded; completions queued by the test.</summary>
    internal sealed class FakeControllers : IControllerInterop
    {
        public readonly List<int[]> Submitted = new List<int[]>();
        public readonly List<byte[]> Inline = new List<byte[]>();
        public readonly Queue<int[]> Completions = new Queue<int[]>();
        public byte[] Staging = new byte[InteropLayout.StagingBytes];
        public int StagedCount;
        public int SubmitStatus;
        public int OpenStatus = -1000;
        public int NextIndex;
        public int Cancels;
        public long Now = 123456789L;

        public int Open(int scsiId, int parityCheck, int maxSyncOffset, int minSyncPeriodNs)
        {
            return OpenStatus != -1000 ? OpenStatus : NextIndex++;
        }

        public int Submit(int controller, int[] fields, byte[] inline)
        {
            if (SubmitStatus != 0) return SubmitStatus;
            Submitted.Add((int[])fields.Clone());
            Inline.Add((byte[])inline.Clone());
            return 0;
        }

        public void Cancel(int controller) => Cancels++;

        /// <summary>Set once a completion has been asked for (a waiter has looked).</summary>
        public readonly System.Threading.ManualResetEventSlim Asked = new System.Threading.ManualResetEventSlim(false);

        public int TakeCompletion(int controller, int[] fields, byte[] msg, byte[] cdb)
        {
            lock (Completions)
            {
                Asked.Set();
                if (Completions.Count == 0) return 0;
                Array.Copy(Completions.Dequeue(), fields, InteropLayout.CompletionFields);
            }

            msg[0] = 0x80;
            cdb[0] = 0x12;
            return 1;
        }

        public void Complete(int[] fields)
        {
            lock (Completions) Completions.Enqueue(fields);
        }

        public int StageIn(int controller, byte[] source, int offset, int count)
        {
            Array.Copy(source, offset, Staging, 0, count);
            StagedCount = count;
            return 0;
        }

        public int StageOut(int controller, byte[] destination, int offset, int count)
        {
            Array.Copy(Staging, 0, destination, offset, count);
            return 0;
        }

        public int[] State = { 1, 2, 0, 1, 3 };

        public int GetState(int controller, int[] into)
        {
            if (controller != 0) return InteropStatus.NoSuchController;
            Array.Copy(State, into, State.Length);
            return 0;
        }

        public long NowNs() => Now;

        public static int[] Completion(int op, int result, int bytesMoved, long timeNs)
        {
            var d = new int[InteropLayout.CompletionFields];
            d[InteropLayout.DoneOp] = op;
            d[InteropLayout.DoneResult] = result;
            d[InteropLayout.DoneBytesMoved] = bytesMoved;
            d[InteropLayout.DoneTimeLow] = (int)(timeNs & 0xFFFFFFFFL);
            d[InteropLayout.DoneTimeHigh] = (int)(timeNs >> 32);
            d[InteropLayout.DonePeerId] = 3;
            d[InteropLayout.DoneMsgLength] = 1;
            d[InteropLayout.DoneCdbLength] = 6;
            return d;
        }
    }

    internal sealed class FakeRing : IRingInterop
    {
        public int Calls;
        public int CreateStatus;
        public int[] Stats = { 16, 4096, 2, 5, 40, 38, 1, 3 };

        public int Create(int slots, int slotSize) { Calls++; return CreateStatus; }
        public int Acquire() { Calls++; return 0x10002; }
        public int Release(int handle) { Calls++; return 0; }
        public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count) { Calls++; return 0; }
        public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count) { Calls++; return 0; }
        public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count) { Calls++; return 0; }
        public int GetStats(int[] into) { Calls++; Array.Copy(Stats, into, Stats.Length); return 0; }
    }

    internal sealed class FakeCodec : IFrameCodecInterop
    {
        public int[]? LastHeader;
        public int CreateStatus;
        public int[] Info = { 1, 4, 0, 7, 300, 520, 0, 1 };
        public int Calls;

        public int EncodeFromSlot(int[] header, byte[] prefix, int prefixOffset, int prefixCount, int handle, int slotOffset, int count,
                                  byte[] output, int outputOffset)
        {
            Calls++;
            LastHeader = (int[])header.Clone();
            return 42;
        }

        public int CreateReceiver() => CreateStatus;

        public int Feed(byte[] data, int offset, int count, int[] state)
        {
            Calls++;
            int at = Array.IndexOf(data, (byte)0, offset, count);
            if (at < 0) return count;
            state[0] = 1;
            return at - offset + 1;
        }

        public int Current(int[] info) { Array.Copy(Info, info, Info.Length); return 0; }
        public int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count) { Calls++; return 0; }
        public int PayloadToSlot(int handle, int slotOffset, int payloadOffset, int count) { Calls++; return 0; }
        public int GetReceiverStats(int[] into) { into[0] = 9; into[1] = 2; return 0; }
        public void ResetReceiver() { }
    }

    internal sealed class FakeLink : ILinkInterop
    {
        public int OpenStatus;
        public readonly Queue<int> ReadResults = new Queue<int>();
        public readonly Queue<int> WriteResults = new Queue<int>();
        public readonly List<byte> Written = new List<byte>();

        public int Open() => OpenStatus;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = ReadResults.Count > 0 ? ReadResults.Dequeue() : 0;
            for (int i = 0; i < n; i++) buffer[offset + i] = (byte)(0xA0 + i);
            return n;
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            int n = WriteResults.Count > 0 ? Math.Min(WriteResults.Dequeue(), count) : count;
            for (int i = 0; i < n; i++) Written.Add(buffer[offset + i]);
            return n;
        }
    }

    internal sealed class FakeLines : IBoardLines
    {
        public readonly List<string> Writes = new List<string>();

        public void Write(int gpio, bool high) => Writes.Add(gpio + "=" + (high ? "high" : "low"));
    }

    internal sealed class Rig
    {
        public readonly FakeControllers Controllers = new FakeControllers();
        public readonly FakeRing Ring = new FakeRing();
        public readonly FakeCodec Codec = new FakeCodec();
        public readonly FakeLink Link = new FakeLink();
        public readonly FakeLines Lines = new FakeLines();
        private Esp32Hal? _hal;

        public Esp32Hal Hal => _hal ??= new Esp32Hal(Controllers, Ring, Codec, Link, new SlowLines(Lines, 38, true, 48, false));
    }

    /// <summary>A ring that is not the interop component's: what the HAL must refuse to hand to
    /// native code, since native code can reach only its own slots.</summary>
    internal sealed class ManagedRing : ISlotRing
    {
        public int SlotCount => 1;
        public int SlotSize => 1;
        public int Acquire() => 1;
        public int Release(int handle) => 0;
        public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count) => 0;
        public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count) => 0;
        public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count) => 0;
        public void GetStats(SlotRingStats into) { }
    }
}
