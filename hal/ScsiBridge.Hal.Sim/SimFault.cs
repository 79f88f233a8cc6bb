using System;
using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// A fault to inject into the simulated bus. Triggered either at a virtual time or the first
    /// time the bus is in a phase and a given byte of it is strobed (information phases) or the
    /// phase is entered (bus free, arbitration, selection, reselection, reset).
    /// </summary>
    public sealed class SimFault
    {
        /// <summary>The trigger value meaning "at TimeNs" rather than "in Phase".</summary>
        public const int AtTime = 0xFF;

        private SimFault(SimFaultKind kind)
        {
            Kind = kind;
            Phase = AtTime;
        }

        public SimFaultKind Kind { get; }

        /// <summary>StopResponding, Vanish: the device index (SimController.DeviceIndex).</summary>
        public int Device { get; private set; }

        /// <summary>A BusPhase value, or <see cref="AtTime"/>.</summary>
        public int Phase { get; private set; }

        /// <summary>Glitch: the bit index of the line (0-17, see ScsiLines).</summary>
        public int Line { get; private set; }

        /// <summary>Which byte of the phase triggers the fault (0 = the first).</summary>
        public long ByteIndex { get; private set; }

        public long TimeNs { get; private set; }

        /// <summary>Glitch, PhaseViolation: how long; 0 lets the simulator use 100 ns.</summary>
        public long DurationNs { get; private set; }

        /// <summary>Inverts the parity bit on byte <paramref name="byteIndex"/> of <paramref name="phase"/>.</summary>
        public static SimFault Parity(int phase, long byteIndex)
        {
            return new SimFault(SimFaultKind.Parity) { Phase = CheckPhase(phase), ByteIndex = CheckIndex(byteIndex) };
        }

        /// <summary>The device freezes with its lines as they are, at a byte of a phase.</summary>
        public static SimFault StopResponding(int device, int phase, long byteIndex)
        {
            return new SimFault(SimFaultKind.StopResponding)
            {
                Device = CheckDevice(device),
                Phase = CheckPhase(phase),
                ByteIndex = CheckIndex(byteIndex),
            };
        }

        /// <summary>The device freezes with its lines as they are, at a virtual time.</summary>
        public static SimFault StopRespondingAt(int device, long timeNs)
        {
            return new SimFault(SimFaultKind.StopResponding) { Device = CheckDevice(device), TimeNs = CheckTime(timeNs) };
        }

        /// <summary>The device disappears from the bus (releases every line), at a byte of a phase.</summary>
        public static SimFault Vanish(int device, int phase, long byteIndex)
        {
            return new SimFault(SimFaultKind.Vanish)
            {
                Device = CheckDevice(device),
                Phase = CheckPhase(phase),
                ByteIndex = CheckIndex(byteIndex),
            };
        }

        /// <summary>The device disappears from the bus at a virtual time.</summary>
        public static SimFault VanishAt(int device, long timeNs)
        {
            return new SimFault(SimFaultKind.Vanish) { Device = CheckDevice(device), TimeNs = CheckTime(timeNs) };
        }

        /// <summary>A bus reset at a virtual time.</summary>
        public static SimFault ResetAt(long timeNs)
        {
            return new SimFault(SimFaultKind.Reset) { TimeNs = CheckTime(timeNs) };
        }

        /// <summary>A bus reset at a byte of a phase (or on entering a non-information phase).</summary>
        public static SimFault ResetAtPhase(int phase, long byteIndex)
        {
            return new SimFault(SimFaultKind.Reset) { Phase = CheckPhase(phase), ByteIndex = CheckIndex(byteIndex) };
        }

        /// <summary>Line <paramref name="line"/> (a bit index, see ScsiLines) asserted by nobody for a while.</summary>
        public static SimFault Glitch(int line, long timeNs, long durationNs)
        {
            if (line < 0 || line >= ScsiLines.LineCount)
            {
                throw new ArgumentOutOfRangeException(nameof(line), line, "A line is a bit index from 0 to 17.");
            }

            return new SimFault(SimFaultKind.Glitch) { Line = line, TimeNs = CheckTime(timeNs), DurationNs = CheckTime(durationNs) };
        }

        /// <summary>The target's phase lines change while REQ is asserted, at a byte of a phase.</summary>
        public static SimFault PhaseViolation(int phase, long byteIndex, long durationNs = 0)
        {
            return new SimFault(SimFaultKind.PhaseViolation)
            {
                Phase = CheckPhase(phase),
                ByteIndex = CheckIndex(byteIndex),
                DurationNs = CheckTime(durationNs),
            };
        }

        public override string ToString()
        {
            string trigger = Phase == AtTime
                ? "at " + TimeNs + " ns"
                : "in " + BusPhase.Name(Phase) + " byte " + ByteIndex;
            return Kind + " " + trigger;
        }

        internal NativeFault ToNative()
        {
            return new NativeFault
            {
                Kind = (byte)Kind,
                Device = (byte)Device,
                Phase = (byte)Phase,
                Line = (byte)Line,
                ByteIndex = (uint)ByteIndex,
                TimeNs = (ulong)TimeNs,
                DurationNs = (ulong)DurationNs,
            };
        }

        private static int CheckPhase(int phase)
        {
            if (phase < BusPhase.DataOut || phase > BusPhase.Reset)
            {
                throw new ArgumentOutOfRangeException(nameof(phase), phase, "A trigger phase is a BusPhase value from 0 to 12.");
            }

            return phase;
        }

        private static int CheckDevice(int device)
        {
            if (device < 0 || device >= NativeConstants.MaxDevices)
            {
                throw new ArgumentOutOfRangeException(nameof(device), device, "A device index is from 0 to 7.");
            }

            return device;
        }

        private static long CheckIndex(long byteIndex)
        {
            if (byteIndex < 0 || byteIndex > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(byteIndex), byteIndex, "A byte index is a 32-bit count.");
            }

            return byteIndex;
        }

        private static long CheckTime(long ns)
        {
            if (ns < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ns), ns, "Times are not negative.");
            }

            return ns;
        }
    }
}
