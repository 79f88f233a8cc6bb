using System;
using System.Collections.Generic;
using System.IO;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Lists the serial ports the bridge may be behind: every tty udev names in
    /// /dev/serial/by-id (USB serial adapters), plus /dev/ttyUSB* and /dev/ttyACM*.
    /// </summary>
    public static class PortDiscovery
    {
        private const string DeviceDirectory = "/dev";

        /// <summary>
        /// The candidate ports, one entry per tty, sorted by path with numbers in numeric order
        /// (ttyUSB2 before ttyUSB10). Empty when there are none.
        /// </summary>
        /// <exception cref="PlatformNotSupportedException">Not Linux on x64 or arm64.</exception>
        public static IReadOnlyList<PortInfo> ListPorts()
        {
            LinuxPlatform.EnsureSupported("Serial port discovery");
            return ListPorts(DeviceDirectory);
        }

        /// <summary>
        /// The same listing over another directory laid out like /dev: its serial/by-id links and
        /// its ttyUSB* and ttyACM* entries. A missing or unreadable directory lists nothing.
        /// </summary>
        public static IReadOnlyList<PortInfo> ListPorts(string deviceDirectory)
        {
            ArgumentException.ThrowIfNullOrEmpty(deviceDirectory);

            // Keyed by the tty's full path, so a tty reached both by name and by a link is listed once.
            var byPath = new Dictionary<string, string?>(StringComparer.Ordinal);

            foreach (string name in SafeList(deviceDirectory, "ttyUSB*"))
            {
                byPath[Path.GetFullPath(name)] = null;
            }

            foreach (string name in SafeList(deviceDirectory, "ttyACM*"))
            {
                byPath[Path.GetFullPath(name)] = null;
            }

            var links = new List<string>(SafeList(Path.Combine(deviceDirectory, "serial", "by-id"), "*"));
            // Several links can name one tty (one per USB interface name form); keep the first in
            // ordinal order so the choice is stable from run to run.
            links.Sort(StringComparer.Ordinal);
            foreach (string link in links)
            {
                string? target = ResolveLink(link);
                if (target == null)
                {
                    continue;
                }

                if (!byPath.TryGetValue(target, out string? existing) || existing == null)
                {
                    byPath[target] = link;
                }
            }

            var ports = new List<PortInfo>(byPath.Count);
            foreach (KeyValuePair<string, string?> entry in byPath)
            {
                ports.Add(new PortInfo(entry.Key, entry.Value));
            }

            ports.Sort((a, b) => NaturalCompare(a.Path, b.Path));
            return ports;
        }

        /// <summary>Orders strings with their digit runs compared as numbers.</summary>
        internal static int NaturalCompare(string a, string b)
        {
            int i = 0;
            int j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    int startA = i;
                    int startB = j;
                    while (i < a.Length && char.IsAsciiDigit(a[i]))
                    {
                        i++;
                    }

                    while (j < b.Length && char.IsAsciiDigit(b[j]))
                    {
                        j++;
                    }

                    ReadOnlySpan<char> digitsA = a.AsSpan(startA, i - startA).TrimStart('0');
                    ReadOnlySpan<char> digitsB = b.AsSpan(startB, j - startB).TrimStart('0');
                    if (digitsA.Length != digitsB.Length)
                    {
                        return digitsA.Length - digitsB.Length;
                    }

                    int digits = digitsA.SequenceCompareTo(digitsB);
                    if (digits != 0)
                    {
                        return digits;
                    }

                    continue;
                }

                if (a[i] != b[j])
                {
                    return a[i] - b[j];
                }

                i++;
                j++;
            }

            int rest = (a.Length - i) - (b.Length - j);
            return rest != 0 ? rest : string.CompareOrdinal(a, b);
        }

        private static string[] SafeList(string directory, string pattern)
        {
            try
            {
                return Directory.Exists(directory) ? Directory.GetFileSystemEntries(directory, pattern) : Array.Empty<string>();
            }
            catch (IOException)
            {
                return Array.Empty<string>();
            }
            catch (UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>The full path a by-id link leads to, or null for a dangling link or a non-link.</summary>
        private static string? ResolveLink(string link)
        {
            try
            {
                FileSystemInfo? target = File.ResolveLinkTarget(link, returnFinalTarget: true);
                if (target == null || !target.Exists)
                {
                    return null;
                }

                return Path.GetFullPath(target.FullName);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
