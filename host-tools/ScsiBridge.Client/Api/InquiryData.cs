using System.Text;

namespace ScsiBridge.Client.Api
{
    /// <summary>Standard INQUIRY data, decoded.</summary>
    public sealed class InquiryData
    {
        public int Qualifier { get; init; }
        public int PeripheralType { get; init; }
        public bool Removable { get; init; }
        public int AnsiVersion { get; init; }
        public string Vendor { get; init; } = "";
        public string Product { get; init; } = "";
        public string Revision { get; init; } = "";

        public static InquiryData Decode(byte[] d)
        {
            string Text(int at, int n) => d.Length >= at + n ? Encoding.ASCII.GetString(d, at, n).Trim() : "";
            return new InquiryData
            {
                Qualifier = d.Length > 0 ? d[0] >> 5 : 3,
                PeripheralType = d.Length > 0 ? d[0] & 0x1F : 0x1F,
                Removable = d.Length > 1 && (d[1] & 0x80) != 0,
                AnsiVersion = d.Length > 2 ? d[2] & 7 : 0,
                Vendor = Text(8, 8),
                Product = Text(16, 16),
                Revision = Text(32, 4),
            };
        }

        public static string TypeName(int type) => type switch
        {
            0x00 => "disk",
            0x01 => "tape",
            0x02 => "printer",
            0x03 => "processor",
            0x04 => "WORM",
            0x05 => "CD-ROM",
            0x06 => "scanner",
            0x07 => "optical",
            0x08 => "changer",
            0x09 => "communications",
            _ => "type " + type.ToString("X2") + "h",
        };
    }
}
