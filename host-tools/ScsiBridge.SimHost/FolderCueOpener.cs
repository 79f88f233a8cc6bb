using System.Collections.Generic;
using System.IO;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.SimHost
{
    /// <summary>Opens the BIN files a CUE sheet names, read-only, from the sheet's folder only
    /// (a name with a folder in it is refused); keeps them to close with the simulator.</summary>
    public sealed class FolderCueOpener : ICueFileOpener
    {
        private readonly string _folder;
        private readonly List<System.IDisposable> _opened;

        public FolderCueOpener(string folder, List<System.IDisposable> opened)
        {
            _folder = folder;
            _opened = opened;
        }

        public IBlockStore? Open(string name)
        {
            if (name.Length == 0 || name != Path.GetFileName(name)) return null;
            string path = Path.Combine(_folder, name);
            if (!File.Exists(path)) return null;
            try
            {
                var store = new FileBlockStore(path, true);
                _opened.Add(store);
                return store;
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The disc of the CUE sheet at path; ArgumentException says what is wrong.</summary>
        public static CdDisc Load(string path, List<System.IDisposable> opened)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            CdDisc? disc = CueSheet.Parse(File.ReadAllText(path), new FolderCueOpener(folder, opened), out string error);
            if (disc == null) throw new System.ArgumentException(path + ": " + error);
            return disc;
        }
    }
}
