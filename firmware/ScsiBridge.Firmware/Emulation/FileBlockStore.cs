using System;
using System.IO;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A medium in an image file: on the PC (the simulator host) or on the board's SD card
    /// (nanoFramework.System.IO.FileSystem). The file keeps its size: a write past the end is
    /// refused, never grows it, unless the store was opened with a capacity (a tape image), which
    /// grows up to it and can be cut with SetLength. Every I/O exception, and every short read, is reported as false,
    /// so the unit answers MEDIUM ERROR instead of passing on wrong data.
    /// On the board, nanoFramework's FileStream copies each transfer through an array of its own;
    /// a RAM or native store is the choice where the command path must not allocate.
    /// </summary>
    public sealed class FileBlockStore : IResizableStore, IDisposable
    {
        private readonly object _lock = new object();
        private long _length;
        private readonly long _capacity;
        private FileStream? _stream;

        /// <summary>Opens an existing image. Throws IOException (or the platform's reason) when
        /// the file cannot be opened; a read-only store opens it for reading only.</summary>
        public FileBlockStore(string path, bool readOnly)
        {
            if (path == null) throw new ArgumentNullException("path");
            _stream = new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite);
            _length = _stream.Length;
            _capacity = _length;
            ReadOnly = readOnly;
            ImagePath = path;
        }

        /// <summary>Opens (or, when writable, creates) an image that may grow to
        /// <paramref name="capacity"/> bytes: writes past its end extend it. A capacity below the
        /// file's length is the file's length.</summary>
        public FileBlockStore(string path, bool readOnly, long capacity)
        {
            if (path == null) throw new ArgumentNullException("path");
            _stream = new FileStream(path, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite);
            _length = _stream.Length;
            _capacity = readOnly || capacity < _length ? _length : capacity;
            ReadOnly = readOnly;
            ImagePath = path;
        }

        public long Capacity
        {
            get { return _capacity; }
        }

        public bool SetLength(long length)
        {
            if (ReadOnly || length < 0 || length > _capacity) return false;
            lock (_lock)
            {
                FileStream? s = _stream;
                if (s == null) return false;
                try
                {
                    s.SetLength(length);
                    _length = length;
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        public string ImagePath { get; private set; }

        public long Length
        {
            get { return _length; }
        }

        public bool ReadOnly { get; private set; }

        public bool Read(long position, byte[] buffer, int offset, int count)
        {
            if (!InRange(position, buffer, offset, count, _length)) return false;
            lock (_lock)
            {
                FileStream? s = _stream;
                if (s == null) return false;
                try
                {
                    s.Seek(position, SeekOrigin.Begin);
                    int done = 0;
                    while (done < count)
                    {
                        int n = s.Read(buffer, offset + done, count - done);
                        if (n <= 0) return false;  // the file ended early: short read
                        done += n;
                    }
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        public bool Write(long position, byte[] buffer, int offset, int count)
        {
            if (ReadOnly || !InRange(position, buffer, offset, count, _capacity)) return false;
            lock (_lock)
            {
                FileStream? s = _stream;
                if (s == null) return false;
                try
                {
                    s.Seek(position, SeekOrigin.Begin);
                    s.Write(buffer, offset, count);
                    if (position + count > _length) _length = position + count;
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        public bool Flush()
        {
            lock (_lock)
            {
                FileStream? s = _stream;
                if (s == null) return false;
                try
                {
                    s.Flush();
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        /// <summary>Closes the file; every later read or write fails.</summary>
        public void Dispose()
        {
            lock (_lock)
            {
                FileStream? s = _stream;
                _stream = null;
                if (s != null)
                {
                    try
                    {
                        s.Flush();
                    }
                    catch (Exception)
                    {
                        // closing anyway
                    }
                    s.Dispose();
                }
            }
        }

        private static bool InRange(long position, byte[] buffer, int offset, int count, long limit)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count) return false;
            return position >= 0 && position <= limit - count;
        }
    }
}
