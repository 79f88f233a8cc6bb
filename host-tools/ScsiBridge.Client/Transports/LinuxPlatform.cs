using System;
using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The transports speak to the kernel through libc with struct layouts and constants that are
    /// checked for Linux on x86_64 and arm64 only; everywhere else they refuse up front rather than
    /// pass a wrongly laid out struct to the kernel.
    /// </summary>
    internal static class LinuxPlatform
    {
        public static bool IsSupported =>
            OperatingSystem.IsLinux() &&
            (RuntimeInformation.ProcessArchitecture == Architecture.X64 ||
             RuntimeInformation.ProcessArchitecture == Architecture.Arm64);

        public static void EnsureSupported(string feature)
        {
            if (!IsSupported)
            {
                throw new PlatformNotSupportedException(
                    $"{feature} needs Linux on x64 or arm64; this is {RuntimeInformation.OSDescription} " +
                    $"on {RuntimeInformation.ProcessArchitecture}. The bridge's serial link is driven through " +
                    "the Linux termios interface, which this build does not provide for other systems.");
            }
        }
    }
}
