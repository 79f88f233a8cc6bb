using System;
using System.Runtime.InteropServices;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// Every function of the simulator's C ABI (scsibridge_sim.h). The library is found as
    /// "scsibridge_sim" next to the application (the build copies it there).
    /// </summary>
    internal static unsafe partial class NativeMethods
    {
        public const string Library = "scsibridge_sim";

        [LibraryImport(Library, EntryPoint = "sb_sim_abi_version")]
        public static partial int AbiVersion();

        [LibraryImport(Library, EntryPoint = "sb_sim_create")]
        public static partial IntPtr Create();

        [LibraryImport(Library, EntryPoint = "sb_sim_destroy")]
        public static partial void Destroy(IntPtr sim);

        [LibraryImport(Library, EntryPoint = "sb_sim_attach")]
        public static partial int Attach(IntPtr sim, NativeOptions* options);

        [LibraryImport(Library, EntryPoint = "sb_sim_submit")]
        public static partial int Submit(IntPtr sim, int device, NativeCommand* command);

        [LibraryImport(Library, EntryPoint = "sb_sim_cancel")]
        public static partial int Cancel(IntPtr sim, int device);

        [LibraryImport(Library, EntryPoint = "sb_sim_run")]
        public static partial int Run(IntPtr sim, uint deviceMask, ulong untilNs, int* completedDevice);

        [LibraryImport(Library, EntryPoint = "sb_sim_take_completion")]
        public static partial int TakeCompletion(IntPtr sim, int device, NativeCompletion* completion);

        [LibraryImport(Library, EntryPoint = "sb_sim_now")]
        public static partial ulong Now(IntPtr sim);

        [LibraryImport(Library, EntryPoint = "sb_sim_lines")]
        public static partial uint Lines(IntPtr sim);

        [LibraryImport(Library, EntryPoint = "sb_sim_inject")]
        public static partial int Inject(IntPtr sim, NativeFault* fault);

        [LibraryImport(Library, EntryPoint = "sb_sim_set_trace")]
        public static partial int SetTrace(IntPtr sim, int enabled);

        [LibraryImport(Library, EntryPoint = "sb_sim_export_vcd", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int ExportVcd(IntPtr sim, string path);

        [LibraryImport(Library, EntryPoint = "sb_sim_vcd_bytes")]
        public static partial long VcdBytes(IntPtr sim, byte* buffer, long size);

        [LibraryImport(Library, EntryPoint = "sb_sim_violation_count")]
        public static partial int ViolationCount(IntPtr sim);

        [LibraryImport(Library, EntryPoint = "sb_sim_get_violation")]
        public static partial int GetViolation(IntPtr sim, int index, NativeViolation* violation);

        [LibraryImport(Library, EntryPoint = "sb_sim_get_stats")]
        public static partial int GetStats(IntPtr sim, NativeStats* stats);
    }
}
