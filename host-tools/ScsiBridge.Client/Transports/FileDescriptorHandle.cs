using System;
using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Owns a file descriptor. Being a SafeHandle, it defers close(2) until every call that took a
    /// reference has returned, so a Dispose racing a blocked Read can never close the descriptor
    /// under the poll, nor let the number be reused by an unrelated open in the meantime.
    /// </summary>
    internal sealed class FileDescriptorHandle : SafeHandle
    {
        public FileDescriptorHandle(int fd)
            : base(new IntPtr(-1), ownsHandle: true)
        {
            SetHandle(new IntPtr(fd));
        }

        public override bool IsInvalid => handle.ToInt64() < 0;

        /// <summary>The descriptor number; only meaningful while a reference is held.</summary>
        public int Fd => (int)handle.ToInt64();

        protected override bool ReleaseHandle()
        {
            // Linux releases the descriptor even when close reports EINTR, so never retry.
            Libc.Close((int)handle.ToInt64());
            return true;
        }
    }
}
