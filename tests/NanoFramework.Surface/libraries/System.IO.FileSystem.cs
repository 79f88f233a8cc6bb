// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.IO.FileSystem (package nanoFramework.System.IO.FileSystem),
// System.IO.FileSystem/FileStream.cs, FileMode.cs, FileAccess.cs (1.1.x; Stream comes from
// System.IO.Streams). Only what a file-backed block
// store needs: opening an existing file, Length, Seek/Position, Read, Write, Flush, Dispose.
// Note for the board: that FileStream copies every Read and Write through a new array of the
// requested size, so a file store allocates on the device (its managed code, not ours).

namespace System.IO
{
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public class FileStream : Stream
    {
        public extern FileStream(string path, FileMode mode);

        public extern FileStream(string path, FileMode mode, FileAccess access);

        public override extern bool CanRead { get; }

        public override extern bool CanSeek { get; }

        public override extern bool CanWrite { get; }

        public override extern long Length { get; }

        public override extern long Position { get; set; }

        // The full path of the file (there is no FilePath member).
        public extern string Name { get; }

        public override extern void Close();

        protected override extern void Dispose(bool disposing);

        public override extern void Flush();

        public override extern int Read(byte[] buffer, int offset, int count);

        public override extern int Read(SpanByte buffer);

        public override extern int ReadByte();

        public override extern long Seek(long offset, SeekOrigin origin);

        public override extern void SetLength(long value);

        public override extern void Write(byte[] buffer, int offset, int count);

        public override extern void WriteByte(byte value);
    }
}
