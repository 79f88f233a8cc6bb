namespace ScsiBridge.Cli.Scsi;

/// <summary>
/// The fields of the mode pages vintage disks and CD-ROMs have (SCSI-2, 8.3.3 and 13.3.3), in
/// words. Pages it does not know, or pages too short for their fields, are shown in hex only.
/// </summary>
internal static class ModePageDecoder
{
    public static string Name(int code) => code switch
    {
        0x01 => "read-write error recovery",
        0x02 => "disconnect-reconnect",
        0x03 => "format device",
        0x04 => "rigid disk geometry",
        0x05 => "flexible disk",
        0x07 => "verify error recovery",
        0x08 => "caching",
        0x09 => "peripheral device",
        0x0A => "control",
        0x0C => "notch and partition",
        0x0D => "CD-ROM device parameters",
        0x0E => "CD-ROM audio control",
        0x0F => "data compression",
        0x10 => "device configuration",
        0x11 => "medium partition",
        0x1C => "informational exceptions control",
        0x2A => "CD capabilities and mechanical status",
        0x00 => "vendor specific (page 0)",
        _ => code >= 0x20 ? "vendor specific" : "unknown",
    };

    /// <summary>The page's fields as name and value; empty when the page is not known.</summary>
    public static IReadOnlyList<(string Name, string Value)> Decode(byte[] p)
    {
        var f = new List<(string, string)>();
        int code = p[0] & 0x3F;
        int U16(int at) => (p[at] << 8) | p[at + 1];
        int U24(int at) => (p[at] << 16) | (p[at + 1] << 8) | p[at + 2];
        string Bits(int at, params string[] names)
        {
            var set = new List<string>();
            for (int bit = 0; bit < names.Length; bit++)
            {
                if (names[bit].Length > 0 && (p[at] & (0x80 >> bit)) != 0) set.Add(names[bit]);
            }
            return set.Count == 0 ? "none" : string.Join(" ", set);
        }
        bool Has(int length) => p.Length >= length;
        switch (code)
        {
            case 0x01 when Has(12):
                f.Add(("flags", Bits(2, "AWRE", "ARRE", "TB", "RC", "EER", "PER", "DTE", "DCR")));
                f.Add(("read retry count", p[3].ToString()));
                f.Add(("correction span", p[4] + " bits"));
                f.Add(("write retry count", p[8].ToString()));
                f.Add(("recovery time limit", U16(10) + " ms"));
                break;
            case 0x02 when Has(12):
                f.Add(("buffer full ratio", p[2] + "/256"));
                f.Add(("buffer empty ratio", p[3] + "/256"));
                f.Add(("bus inactivity limit", U16(4) + " x 100 us"));
                f.Add(("disconnect time limit", U16(6) + " x 100 us"));
                f.Add(("connect time limit", U16(8) + " x 100 us"));
                f.Add(("maximum burst size", U16(10) + " x 512 bytes"));
                break;
            case 0x03 when Has(21):
                f.Add(("tracks per zone", U16(2).ToString()));
                f.Add(("alternate sectors per zone", U16(4).ToString()));
                f.Add(("alternate tracks per zone", U16(6).ToString()));
                f.Add(("alternate tracks per unit", U16(8).ToString()));
                f.Add(("sectors per track", U16(10).ToString()));
                f.Add(("bytes per physical sector", U16(12).ToString()));
                f.Add(("interleave", U16(14).ToString()));
                f.Add(("track skew", U16(16).ToString()));
                f.Add(("cylinder skew", U16(18).ToString()));
                f.Add(("flags", Bits(20, "SSEC", "HSEC", "RMB", "SURF")));
                break;
            case 0x04 when Has(18):
                f.Add(("cylinders", U24(2).ToString()));
                f.Add(("heads", p[5].ToString()));
                f.Add(("write precompensation from cylinder", U24(6).ToString()));
                f.Add(("reduced write current from cylinder", U24(9).ToString()));
                f.Add(("step rate", U16(12) + " x 100 ns"));
                f.Add(("landing zone cylinder", U24(14).ToString()));
                if (Has(22)) f.Add(("rotation rate", U16(20) == 0 ? "not reported" : U16(20) + " rpm"));
                break;
            case 0x08 when Has(12):
                f.Add(("flags", Bits(2, "IC", "ABPF", "CAP", "DISC", "SIZE", "WCE", "MF", "RCD")));
                f.Add(("write cache", (p[2] & 0x04) != 0 ? "on" : "off"));
                f.Add(("read cache", (p[2] & 0x01) != 0 ? "off" : "on"));
                f.Add(("disable prefetch transfer length", U16(4) + " blocks"));
                f.Add(("minimum prefetch", U16(6) + " blocks"));
                f.Add(("maximum prefetch", U16(8) + " blocks"));
                f.Add(("maximum prefetch ceiling", U16(10) + " blocks"));
                break;
            case 0x0A when Has(8):
                f.Add(("flags", Bits(2, "", "", "", "", "", "", "GLTSD", "RLEC")));
                f.Add(("queue algorithm modifier", (p[3] >> 4).ToString()));
                f.Add(("queue", ((p[3] & 1) != 0 ? "tagged queuing disabled" : "tagged queuing allowed") + ((p[3] & 2) != 0 ? ", QErr" : "")));
                f.Add(("asynchronous event flags", Bits(4, "EECA", "", "", "", "", "RAENP", "UAAENP", "EAENP")));
                f.Add(("ready AEN holdoff", U16(6) + " ms"));
                break;
            case 0x0D when Has(8):
                f.Add(("inactivity timer multiplier", (p[3] & 0x0F).ToString()));
                f.Add(("S units per M unit", U16(4).ToString()));
                f.Add(("F units per S unit", U16(6).ToString()));
                break;
            case 0x0E when Has(16):
                f.Add(("flags", Bits(2, "", "", "", "", "", "IMMED", "SOTC", "")));
                for (int port = 0; port < 4; port++)
                {
                    f.Add(("output port " + port, "channels 0x" + (p[8 + 2 * port] & 0x0F).ToString("X") + ", volume " + p[9 + 2 * port]));
                }
                break;
            case 0x2A when Has(16):
                f.Add(("reads", Bits(2, "", "", "", "", "", "", "CD-RW", "CD-R")));
                f.Add(("audio and data", Bits(4, "", "multisession", "mode 2 form 2", "mode 2 form 1", "digital port 2", "digital port 1", "composite", "audio play")));
                f.Add(("mechanism", Bits(6, "loading type", "", "", "", "eject", "prevent jumper", "lock state", "lock")));
                f.Add(("maximum read speed", U16(8) + " kB/s"));
                f.Add(("volume levels", U16(10).ToString()));
                f.Add(("buffer size", U16(12) + " KiB"));
                f.Add(("current read speed", U16(14) + " kB/s"));
                break;
        }
        return f;
    }
}
