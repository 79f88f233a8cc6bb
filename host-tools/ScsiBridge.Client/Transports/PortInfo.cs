namespace ScsiBridge.Client.Transports
{
    /// <summary>A serial port that may have the bridge behind it.</summary>
    public sealed class PortInfo
    {
        public PortInfo(string path, string? byIdPath)
        {
            Path = path;
            ByIdPath = byIdPath;
        }

        /// <summary>The tty itself: /dev/ttyUSB0, /dev/ttyACM0.</summary>
        public string Path { get; }

        /// <summary>
        /// The stable /dev/serial/by-id link that names this tty, or null when udev made none.
        /// Unlike ttyUSB numbers it survives replugging and reboots, so scripts should prefer it.
        /// </summary>
        public string? ByIdPath { get; }

        /// <summary>The by-id link's file name (adapter vendor, model and serial), or null.</summary>
        public string? ByIdName => ByIdPath == null ? null : System.IO.Path.GetFileName(ByIdPath);

        public override string ToString() => ByIdName == null ? Path : $"{Path} ({ByIdName})";
    }
}
