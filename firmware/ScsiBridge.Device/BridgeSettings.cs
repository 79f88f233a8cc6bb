using System;

namespace ScsiBridge.Device
{
    /// <summary>
    /// The board configuration, from a text file on the board (SettingsFile.Path):
    /// <c>key = value</c> lines, '#' starts a comment. Keys: scsi_id (0-7, default 7),
    /// target_ids (the bridge's own target IDs, comma separated, default none), admin_pin,
    /// board_name, termination (on or off, default off). An unknown key or a bad value is an
    /// error naming its line, so a typo never starts a bridge configured other than meant.
    /// </summary>
    public sealed class BridgeSettings
    {
        public int ScsiId { get; private set; } = 7;

        /// <summary>Bit n set: the bridge answers as a target at ID n.</summary>
        public int TargetIdMask { get; private set; }

        public string AdminPin { get; private set; } = string.Empty;

        public string BoardName { get; private set; } = "ScsiBridge";

        public bool Termination { get; private set; }

        /// <exception cref="BridgeSettingsException">A line that is not a setting, or a value out of range.</exception>
        public static BridgeSettings Parse(string text)
        {
            var settings = new BridgeSettings();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                line = line.Trim();
                if (line.Length == 0) continue;
                int eq = line.IndexOf('=');
                if (eq <= 0) throw new BridgeSettingsException(i + 1, "expected key = value, found \"" + line + "\"");
                settings.Set(i + 1, line.Substring(0, eq).Trim(), line.Substring(eq + 1).Trim());
            }

            if ((settings.TargetIdMask & (1 << settings.ScsiId)) != 0)
            {
                throw new BridgeSettingsException(0, "target_ids include the bridge's own scsi_id " + settings.ScsiId.ToString());
            }

            return settings;
        }

        private void Set(int line, string key, string value)
        {
            switch (key)
            {
                case "scsi_id":
                    ScsiId = Id(line, value);
                    break;
                case "target_ids":
                    TargetIdMask = IdList(line, value);
                    break;
                case "admin_pin":
                    if (value.Length > 32) throw new BridgeSettingsException(line, "admin_pin is longer than 32 characters");
                    AdminPin = value;
                    break;
                case "board_name":
                    if (value.Length == 0 || value.Length > 64) throw new BridgeSettingsException(line, "board_name needs 1 to 64 characters");
                    BoardName = value;
                    break;
                case "termination":
                    if (value == "on") Termination = true;
                    else if (value == "off") Termination = false;
                    else throw new BridgeSettingsException(line, "termination is on or off, not \"" + value + "\"");
                    break;
                default:
                    throw new BridgeSettingsException(line, "unknown setting \"" + key + "\" (known: scsi_id, target_ids, admin_pin, board_name, termination)");
            }
        }

        private static int Id(int line, string text)
        {
            if (text.Length != 1 || text[0] < '0' || text[0] > '7')
            {
                throw new BridgeSettingsException(line, "a SCSI ID is 0 to 7, not \"" + text + "\"");
            }

            return text[0] - '0';
        }

        private static int IdList(int line, string text)
        {
            int mask = 0;
            if (text.Length == 0) return 0;
            string[] parts = text.Split(',');
            for (int i = 0; i < parts.Length; i++)
            {
                int id = Id(line, parts[i].Trim());
                if ((mask & (1 << id)) != 0) throw new BridgeSettingsException(line, "target ID " + id.ToString() + " is listed twice");
                mask |= 1 << id;
            }

            return mask;
        }
    }

    /// <summary>A board configuration that cannot be used; Line is 0 for the file as a whole.</summary>
    public sealed class BridgeSettingsException : Exception
    {
        public BridgeSettingsException(int line, string problem)
            : base((line > 0 ? "line " + line.ToString() + ": " : string.Empty) + problem)
        {
            Line = line;
        }

        public int Line { get; private set; }
    }
}
