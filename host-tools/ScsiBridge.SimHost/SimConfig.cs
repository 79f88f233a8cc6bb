using System.Collections.Generic;
using ScsiBridge.Firmware.Emulation;

namespace ScsiBridge.SimHost
{
    /// <summary>A device on the simulated bus: an image served by the emulations, as a drive
    /// cloned into <paramref name="Profile"/> when one is given (else the emulation's own
    /// identity), with <paramref name="BadBlocks"/> unreadable (MEDIUM ERROR) when given. A tape
    /// (<paramref name="Tape"/>) serves a SIMH .tap image, as the drive <paramref name="TapeDrive"/>
    /// (null: the generic one); a writable tape grows up to <see cref="TapeCapacity"/>.</summary>
    public sealed record SimDevice(int Id, string Path, bool Cdrom, bool ReadOnly, DeviceProfile? Profile = null, BlockRanges? BadBlocks = null, bool Tape = false,
                                   TapeDriveProfile? TapeDrive = null)
    {
        /// <summary>The length of a writable simulated tape: 1 GiB of .tap image.</summary>
        public const long TapeCapacity = 1L << 30;

        /// <summary>The drive a tape device answers as: its --tape-drive, or a --profile clone
        /// (identity and pages) with the generic drive's abilities, or the generic drive.</summary>
        public TapeDriveProfile TapeDriveOrDefault()
        {
            if (TapeDrive != null) return TapeDrive;
            if (Profile != null)
            {
                TapeDriveProfile generic = TapeDriveProfile.Generic();
                var clone = new TapeDriveProfile(Profile);
                clone.MaxBlockLength = generic.MaxBlockLength;
                clone.Setmarks = generic.Setmarks;
                clone.Locate = generic.Locate;
                return clone;
            }
            return TapeDriveProfile.Generic();
        }
    }

    /// <summary>A processor device on the bus that takes what the bridge SENDs to it (appended
    /// to a file when one is named).</summary>
    public sealed record SimProcessor(int Id, string? SinkPath);

    /// <summary>A vintage host on the bus that SENDs a file to the bridge's processor device once
    /// the PC has opened a target path for it.</summary>
    public sealed record SimInitiator(int Id, string SourcePath);

    /// <summary>What the simulator puts on the bus besides the bridge.</summary>
    public sealed class SimConfig
    {
        public List<SimDevice> Devices { get; } = new List<SimDevice>();

        public List<SimProcessor> Processors { get; } = new List<SimProcessor>();

        public List<SimInitiator> Initiators { get; } = new List<SimInitiator>();

        /// <summary>The IDs the bridge itself answers as a target: its processor device at the
        /// highest, images at the others. On the board target mode shares the bridge's one
        /// controller; the simulator gives it a controller of its own.</summary>
        public List<int> BridgeTargetIds { get; } = new List<int> { 5, 6 };

        /// <summary>Where IMAGE_ATTACH finds images by name; null: no image management.</summary>
        public string? ImageFolder { get; set; }

        public LinkModel Link { get; set; } = LinkModel.Uart(3_000_000);

        /// <summary>What the firmware's managed code costs in virtual time: the board's
        /// interpreter by default, so rates mean what a board would do.</summary>
        public ScsiBridge.Hal.Sim.InterpreterCost Interpreter { get; set; } = ScsiBridge.Hal.Sim.InterpreterCost.NanoFrameworkEsp32S3;

        /// <summary>Keep virtual time from running ahead of the wall clock, so that what a person
        /// sees (rates, times) is what the modelled board would do. Off: as fast as the host
        /// can run it, as tests and benchmarks of the simulator itself want.</summary>
        public bool Paced { get; set; }

        /// <summary>For tests that run the tool on the simulator's clock (SimulatedBridge.Time):
        /// after each frame to the PC and each of the tool's timers, hold the simulation still
        /// until the PC has answered and then been quiet this many milliseconds of real time
        /// (PcLockStep). 0: off, the simulation runs on while the tool works, as a real bridge does.</summary>
        public int LockStepQuietMs { get; set; }

        /// <summary>With LockStepQuietMs: how long (real time) a hold waits for the PC's first
        /// byte before it takes the frame as one the tool does not answer (at least the quiet
        /// time). Longer catches slower answers; every frame the tool does not answer costs it.</summary>
        public int LockStepAnswerMs { get; set; }

        /// <summary>For fault campaigns: wraps each device's medium (to watch every write) and
        /// each device's logical unit (to answer BUSY, UNIT ATTENTION or a passing MEDIUM ERROR
        /// now and then). Null: the media and emulations as they are.</summary>
        public System.Func<SimDevice, ScsiBridge.Firmware.Target.IBlockStore, ScsiBridge.Firmware.Target.IBlockStore>? WrapStore { get; set; }

        public System.Func<SimDevice, ScsiBridge.Firmware.Target.ILogicalUnit, ScsiBridge.Firmware.Target.ILogicalUnit>? WrapUnit { get; set; }
    }
}
