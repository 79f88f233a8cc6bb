using System;
using System.Collections.Generic;
using System.IO;
using ScsiBridge.Firmware.Emulation;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The simulator's flags (`scsibridge sim`), and the config file that says the same things one per line
    /// ("disk 0 boot.img ro" is "--disk 0:boot.img:ro"; '#' starts a comment):
    ///   --disk ID:PATH[:ro]        a disk image at that SCSI ID
    ///   --cdrom ID:PATH            a CD-ROM image (ISO, or a CUE sheet with its BINs)
    ///   --tape ID:PATH[:rw]        a tape drive with a SIMH .tap image (rw: hosts may write it; it grows to 1 GiB)
    ///   --tape-drive ID:NAME       the tape at ID answers as a built-in drive: generic, dds, exabyte, qic
    ///   --processor ID[:FILE]      a processor device taking what the bridge SENDs (to FILE)
    ///   --initiator ID:FILE        a host that SENDs FILE to the bridge's processor once a path is open
    ///   --images DIR               where IMAGE_ATTACH finds images by name
    ///   --target-ids LIST          the bridge's own target IDs (default 5,6; processor at the highest)
    ///   --profile ID:FILE          the device at ID answers as the drive in this profile file
    ///   --bad-blocks ID:LIST       blocks of the device at ID that cannot be read (7,100-103)
    ///   --link uart[:BAUD]|usb-fs  the link's timing model (default uart:3000000)
    ///   --config FILE              read more of the above from FILE
    /// </summary>
    public static class SimOptions
    {
        /// <summary>The config the flags describe; ArgumentException names the bad one, and
        /// FileNotFoundException or DirectoryNotFoundException a file or folder that is not there.</summary>
        public static SimConfig Parse(IReadOnlyList<string> args)
        {
            var config = new SimConfig();
            bool targetIdsGiven = false;
            Apply(config, args, ref targetIdsGiven, 0);
            foreach (SimDevice d in config.Devices) MediaCheck.Check(d);  // after --profile and --bad-blocks amended them
            return config;
        }

        private static void Apply(SimConfig config, IReadOnlyList<string> args, ref bool targetIdsGiven, int depth)
        {
            for (int i = 0; i < args.Count; i++)
            {
                string a = args[i];
                string value = i + 1 < args.Count ? args[++i] : throw new ArgumentException(a + " needs a value (see --help)");
                try
                {
                    ApplyOne(config, a, value, ref targetIdsGiven, depth);
                }
                catch (ArgumentException e) when (!e.Message.StartsWith("--", StringComparison.Ordinal))
                {
                    // Say which flag was wrong: a person reads "--disk 1:x.img: no image file x.img".
                    throw new ArgumentException(a + " " + value + ": " + e.Message);
                }
                catch (FileNotFoundException e) when (!e.Message.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new FileNotFoundException(a + " " + value + ": " + e.Message);
                }
                catch (DirectoryNotFoundException e) when (!e.Message.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new DirectoryNotFoundException(a + " " + value + ": " + e.Message);
                }
            }
        }

        private static void ApplyOne(SimConfig config, string a, string value, ref bool targetIdsGiven, int depth)
        {
            switch (a)
            {
                case "--disk": config.Devices.Add(ParseDevice(value, false)); break;
                case "--cdrom": config.Devices.Add(ParseDevice(value, true)); break;
                case "--tape": config.Devices.Add(ParseTape(value)); break;
                case "--tape-drive":
                {
                    var (id, name) = SplitIdValue(value, "ID:NAME (for example 4:dds)");
                    TapeDriveProfile drive = TapeDriveProfile.Named(name)
                                             ?? throw new ArgumentException("'" + name + "' is not a tape drive: generic, dds (HP C1533A), exabyte (EXB-8200) or qic (Archive Viper 2150S)");
                    Amend(config, id, value, d => d.Tape ? d with { TapeDrive = drive } : throw new ArgumentException("the device at ID " + id + " is not a --tape"));
                    break;
                }
                case "--processor":
                {
                    string[] p = value.Split(':', 2);
                    config.Processors.Add(new SimProcessor(ParseId(p[0], value), p.Length > 1 ? p[1] : null));
                    break;
                }
                case "--initiator":
                {
                    string[] p = value.Split(':', 2);
                    if (p.Length < 2) throw new ArgumentException("'" + value + "' is not ID:FILE (for example 2:send.bin)");
                    if (!File.Exists(p[1])) throw new FileNotFoundException("no file " + p[1] + " for the host at ID " + p[0] + " to send");
                    config.Initiators.Add(new SimInitiator(ParseId(p[0], value), p[1]));
                    break;
                }
                case "--images":
                    if (!Directory.Exists(value)) throw new DirectoryNotFoundException("no image folder " + value);
                    config.ImageFolder = value;
                    break;
                case "--target-ids":
                    if (!targetIdsGiven) config.BridgeTargetIds.Clear();
                    targetIdsGiven = true;
                    foreach (string id in value.Split(',', StringSplitOptions.RemoveEmptyEntries)) config.BridgeTargetIds.Add(ParseId(id, value));
                    break;
                case "--profile":
                {
                    var (id, file) = SplitIdValue(value, "ID:FILE (for example 0:quantum.profile)");
                    if (!File.Exists(file)) throw new FileNotFoundException("no profile file " + file + " for the device at ID " + id);
                    DeviceProfile profile;
                    try
                    {
                        profile = ProfileFile.Parse(File.ReadAllText(file));
                    }
                    catch (FormatException e)
                    {
                        throw new ArgumentException(file + ": " + e.Message);
                    }
                    Amend(config, id, value, d => d with { Profile = profile });
                    break;
                }
                case "--bad-blocks":
                {
                    var (id, list) = SplitIdValue(value, "ID:LIST (for example 0:100-103,2000)");
                    BlockRanges bad = BlockRanges.Parse(list);
                    Amend(config, id, value, d => d with { BadBlocks = bad });
                    break;
                }
                case "--link": config.Link = LinkModel.Parse(value); break;
                case "--config":
                    if (depth > 4) throw new ArgumentException("config files include each other too deeply");
                    Apply(config, ReadConfig(value), ref targetIdsGiven, depth + 1);
                    break;
                default: throw new ArgumentException("unknown option " + a + " (see --help)");
            }
        }

        /// <summary>A config file as flags: each line is a flag name without its dashes and a value.</summary>
        private static List<string> ReadConfig(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException("no config file " + path);
            var args = new List<string>();
            int number = 0;
            foreach (string raw in File.ReadAllLines(path))
            {
                number++;
                string line = raw;
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line[..hash];
                string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0) continue;
                if (words.Length == 1) throw new ArgumentException(path + ":" + number + ": '" + words[0] + "' needs a value");
                args.Add("--" + words[0]);
                args.Add(string.Join(':', words, 1, words.Length - 1));
            }
            return args;
        }

        private static (int Id, string Value) SplitIdValue(string text, string form)
        {
            string[] p = text.Split(':', 2);
            if (p.Length < 2 || p[1].Length == 0) throw new ArgumentException("'" + text + "' is not " + form);
            return (ParseId(p[0], text), p[1]);
        }

        /// <summary>Changes the device already given at that ID (its --disk or --cdrom comes first).</summary>
        private static void Amend(SimConfig config, int id, string whole, Func<SimDevice, SimDevice> change)
        {
            int at = config.Devices.FindIndex(d => d.Id == id);
            if (at < 0) throw new ArgumentException("'" + whole + "' names ID " + id + ", but no --disk, --cdrom or --tape before it is at that ID");
            config.Devices[at] = change(config.Devices[at]);
        }

        private static int ParseId(string text, string whole)
        {
            if (!int.TryParse(text, out int id) || id < 0 || id > 7) throw new ArgumentException("'" + text + "' in '" + whole + "' is not a SCSI ID 0-7");
            return id;
        }

        /// <summary>ID:PATH[:rw]: read-only unless rw; a writable tape may be a new, empty file.</summary>
        private static SimDevice ParseTape(string text)
        {
            string[] parts = text.Split(':');
            if (parts.Length < 2) throw new ArgumentException("'" + text + "' is not ID:PATH[:rw] (for example 4:backup.tap)");
            int id = ParseId(parts[0], text);
            bool writable = parts.Length > 2 && parts[^1] == "rw";
            string path = string.Join(':', parts, 1, parts.Length - (writable ? 2 : 1));
            if (!File.Exists(path))
            {
                if (!writable) throw new FileNotFoundException("no tape image " + path + " (add :rw to start a blank tape there)");
                string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder == null || !Directory.Exists(folder)) throw new DirectoryNotFoundException("no folder for the tape image " + path);
                File.WriteAllBytes(path, Array.Empty<byte>());
            }
            return new SimDevice(id, path, false, !writable, Tape: true);
        }

        private static SimDevice ParseDevice(string text, bool cdrom)
        {
            string[] parts = text.Split(':');
            if (parts.Length < 2) throw new ArgumentException("'" + text + "' is not ID:PATH (for example 0:disk.img)");
            int id = ParseId(parts[0], text);
            bool readOnly = parts.Length > 2 && parts[^1] == "ro";
            string path = string.Join(':', parts, 1, parts.Length - (readOnly ? 2 : 1));
            if (!File.Exists(path)) throw new FileNotFoundException("no image file " + path);
            return new SimDevice(id, path, cdrom, readOnly);
        }
    }
}
