// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.IO.Streams (package nanoFramework.System.IO.Streams,
// 1.1.x), System.IO.Streams/Stream.cs and SeekOrigin.cs. Not part of mscorlib 1.17. Stream is
// here because SerialPort.BaseStream and FileStream need it; its abstract Read(SpanByte) is
// declared because every Stream must override it, but SpanByte itself is refused by rule NF0008.

namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract bool CanRead { get; }

        public abstract bool CanSeek { get; }

        public virtual extern bool CanTimeout { get; }

        public abstract bool CanWrite { get; }

        public abstract long Length { get; }

        public abstract long Position { get; set; }

        public virtual extern int ReadTimeout { get; set; }

        public virtual extern int WriteTimeout { get; set; }

        public virtual extern void Close();

        public extern void Dispose();

        protected virtual extern void Dispose(bool disposing);

        public abstract void Flush();

        public abstract int Read(SpanByte buffer);

        public abstract int Read(byte[] buffer, int offset, int count);

        public virtual extern int ReadByte();

        public abstract long Seek(long offset, SeekOrigin origin);

        public abstract void SetLength(long value);

        public abstract void Write(byte[] buffer, int offset, int count);

        public virtual extern void WriteByte(byte value);
    }
}
