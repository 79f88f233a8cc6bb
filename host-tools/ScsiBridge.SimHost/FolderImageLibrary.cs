using System.IO;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.SimHost
{
    /// <summary>Images by name from one folder, as the board takes them from its SD card. Names
    /// are plain file names: no folders, so nothing outside the folder can be reached. A `.tap`
    /// image opened writable may grow (a tape being written) up to <see cref="SimDevice.TapeCapacity"/>.</summary>
    public sealed class FolderImageLibrary : IImageLibrary
    {
        private readonly string _folder;

        public FolderImageLibrary(string folder)
        {
            _folder = Path.GetFullPath(folder);
        }

        public string[] List(out long[] sizes)
        {
            var files = new System.Collections.Generic.List<FileInfo>(new DirectoryInfo(_folder).GetFiles());
            files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            files.RemoveAll(f => f.Name.Length > ImageManager.MaxNameLength);
            sizes = files.ConvertAll(f => f.Length).ToArray();
            return files.ConvertAll(f => f.Name).ToArray();
        }

        public IBlockStore? Open(string name, bool readOnly)
        {
            if (name.Length == 0 || name != Path.GetFileName(name) || name == "." || name == "..") return null;
            string path = Path.Combine(_folder, name);
            if (!File.Exists(path)) return null;
            try
            {
                bool tape = name.EndsWith(".tap", System.StringComparison.OrdinalIgnoreCase);
                return tape && !readOnly ? new FileBlockStore(path, false, SimDevice.TapeCapacity) : new FileBlockStore(path, readOnly);
            }
            catch (IOException)
            {
                return null;
            }
            catch (System.UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
