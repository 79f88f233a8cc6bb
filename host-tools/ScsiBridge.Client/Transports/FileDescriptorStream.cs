using System;
using System.Threading;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The byte stream both transports share: a non-blocking descriptor driven with poll(2), and an
    /// eventfd that Dispose signals so a Read or Write blocked in poll returns at once instead of
    /// waiting out its timeout.
    /// </summary>
    internal sealed unsafe class FileDescriptorStream : IDisposable
    {
        private readonly FileDescriptorHandle _descriptor;
        private readonly FileDescriptorHandle _wake;
        private readonly string _name;
        private readonly Func<string, int, LinkHangupException> _hangup;
        private readonly Func<int, LinkTransportException> _writeStalled;
        private int _disposed;

        /// <param name="descriptor">The descriptor, opened with O_NONBLOCK; this stream owns it from now on.</param>
        /// <param name="name">The name messages use.</param>
        /// <param name="hangup">Makes the exception for a hang-up: (operation, errno or 0).</param>
        /// <param name="writeStalled">Makes the exception for a write that made no progress for the given milliseconds.</param>
        public FileDescriptorStream(
            FileDescriptorHandle descriptor,
            string name,
            Func<string, int, LinkHangupException> hangup,
            Func<int, LinkTransportException> writeStalled)
        {
            int wake = Libc.EventFd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (wake < 0)
            {
                throw TransportErrors.Generic(name, "eventfd", Libc.LastErrno);
            }

            _wake = new FileDescriptorHandle(wake);
            _descriptor = descriptor;
            _name = name;
            _hangup = hangup;
            _writeStalled = writeStalled;
        }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        /// <summary>How long a Write may make no progress before it fails; negative waits forever.</summary>
        public int WriteTimeoutMs { get; set; } = Timeout.Infinite;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            ValidateBuffer(buffer, offset, count);
            ThrowIfDisposed();
            if (count == 0)
            {
                return 0;
            }

            bool descriptorAdded = false;
            bool wakeAdded = false;
            try
            {
                AddRef(_descriptor, ref descriptorAdded);
                AddRef(_wake, ref wakeAdded);
                int fd = _descriptor.Fd;
                long deadline = Deadline(timeoutMs);
                while (true)
                {
                    short events = PollWithWake(fd, Libc.POLLIN, deadline);
                    if (events == 0)
                    {
                        return 0;
                    }

                    if ((events & Libc.POLLNVAL) != 0)
                    {
                        throw TransportErrors.Generic(_name, "poll", Errno.EBADF);
                    }

                    // Read even when only POLLHUP is set: bytes the other side wrote before it
                    // closed are still delivered, and the read that follows them reports the end.
                    nint got;
                    fixed (byte* start = &buffer[offset])
                    {
                        got = Libc.Read(fd, start, (nuint)count);
                    }

                    if (got > 0)
                    {
                        return (int)got;
                    }

                    if (got == 0)
                    {
                        throw _hangup("read", 0);
                    }

                    int errno = Libc.LastErrno;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    if (errno == Errno.EAGAIN)
                    {
                        if ((events & (Libc.POLLHUP | Libc.POLLERR)) != 0)
                        {
                            throw _hangup("read", 0);
                        }

                        continue;
                    }

                    if (errno == Errno.EIO || errno == Errno.ENXIO || errno == Errno.ENODEV)
                    {
                        throw _hangup("read", errno);
                    }

                    throw TransportErrors.Generic(_name, "read", errno);
                }
            }
            finally
            {
                if (wakeAdded)
                {
                    _wake.DangerousRelease();
                }

                if (descriptorAdded)
                {
                    _descriptor.DangerousRelease();
                }
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            ValidateBuffer(buffer, offset, count);
            ThrowIfDisposed();
            if (count == 0)
            {
                return;
            }

            bool descriptorAdded = false;
            bool wakeAdded = false;
            try
            {
                AddRef(_descriptor, ref descriptorAdded);
                AddRef(_wake, ref wakeAdded);
                int fd = _descriptor.Fd;
                int timeoutMs = WriteTimeoutMs;
                long deadline = Deadline(timeoutMs);
                int done = 0;
                while (done < count)
                {
                    nint written;
                    fixed (byte* start = &buffer[offset])
                    {
                        written = Libc.Write(fd, start + done, (nuint)(count - done));
                    }

                    if (written > 0)
                    {
                        done += (int)written;
                        // The timeout bounds a stall, not the whole transfer.
                        deadline = Deadline(timeoutMs);
                        continue;
                    }

                    int errno = written == 0 ? Errno.EAGAIN : Libc.LastErrno;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    if (errno == Errno.EIO || errno == Errno.ENXIO || errno == Errno.ENODEV || errno == Errno.EPIPE)
                    {
                        throw _hangup("write", errno);
                    }

                    if (errno != Errno.EAGAIN)
                    {
                        throw TransportErrors.Generic(_name, "write", errno);
                    }

                    // The output buffer is full (the other side is slow, or flow control holds it
                    // off): sleep in poll until there is room, the timeout passes, or Dispose.
                    short events = PollWithWake(fd, Libc.POLLOUT, deadline);
                    if (events == 0)
                    {
                        throw _writeStalled(timeoutMs);
                    }

                    if ((events & Libc.POLLNVAL) != 0)
                    {
                        throw TransportErrors.Generic(_name, "poll", Errno.EBADF);
                    }

                    if ((events & Libc.POLLOUT) == 0 && (events & (Libc.POLLHUP | Libc.POLLERR)) != 0)
                    {
                        throw _hangup("write", 0);
                    }
                }
            }
            finally
            {
                if (wakeAdded)
                {
                    _wake.DangerousRelease();
                }

                if (descriptorAdded)
                {
                    _descriptor.DangerousRelease();
                }
            }
        }

        /// <summary>
        /// poll(2) on fd for events and on the wake pipe together, retrying EINTR. Throws when the
        /// stream is disposed meanwhile; returns fd's returned events, 0 when the deadline passed.
        /// The caller holds references on both descriptors.
        /// </summary>
        private short PollWithWake(int fd, short events, long deadline)
        {
            Libc.PollFd* fds = stackalloc Libc.PollFd[2];
            while (true)
            {
                fds[0] = new Libc.PollFd { Fd = fd, Events = events };
                fds[1] = new Libc.PollFd { Fd = _wake.Fd, Events = Libc.POLLIN };
                int ready = Libc.Poll(fds, 2, Remaining(deadline));
                if (ready < 0)
                {
                    int errno = Libc.LastErrno;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    throw TransportErrors.Io(_name, "poll", errno);
                }

                if (fds[1].ReturnedEvents != 0 || IsDisposed)
                {
                    throw Disposed();
                }

                return ready == 0 ? (short)0 : fds[0].ReturnedEvents;
            }
        }

        /// <summary>poll(2) on the descriptor alone; returns its returned events, 0 on timeout.</summary>
        public short PollDescriptor(short events, int timeoutMs)
        {
            ThrowIfDisposed();
            bool added = false;
            try
            {
                AddRef(_descriptor, ref added);
                long deadline = Deadline(timeoutMs);
                Libc.PollFd pollFd = default;
                while (true)
                {
                    pollFd.Fd = _descriptor.Fd;
                    pollFd.Events = events;
                    pollFd.ReturnedEvents = 0;
                    int ready = Libc.Poll(&pollFd, 1, Remaining(deadline));
                    if (ready >= 0)
                    {
                        return ready == 0 ? (short)0 : pollFd.ReturnedEvents;
                    }

                    int errno = Libc.LastErrno;
                    if (errno != Errno.EINTR)
                    {
                        throw TransportErrors.Io(_name, "poll", errno);
                    }
                }
            }
            finally
            {
                if (added)
                {
                    _descriptor.DangerousRelease();
                }
            }
        }

        /// <summary>
        /// Waits until <paramref name="other"/> reports <paramref name="otherEvents"/>, the timeout
        /// passes, or this stream is disposed. Returns true when <paramref name="other"/> is ready.
        /// With no <paramref name="other"/> it is a sleep that Dispose cuts short.
        /// </summary>
        public bool WaitForOther(FileDescriptorHandle? other, short otherEvents, int timeoutMs)
        {
            ThrowIfDisposed();
            bool otherAdded = false;
            bool wakeAdded = false;
            try
            {
                if (other != null)
                {
                    AddRef(other, ref otherAdded);
                }

                AddRef(_wake, ref wakeAdded);
                // A negative descriptor makes poll skip the entry.
                return PollWithWake(other != null ? other.Fd : -1, otherEvents, Deadline(timeoutMs)) != 0;
            }
            finally
            {
                if (wakeAdded)
                {
                    _wake.DangerousRelease();
                }

                if (otherAdded)
                {
                    other!.DangerousRelease();
                }
            }
        }

        /// <summary>Runs <paramref name="action"/> with the descriptor kept open; false if already disposed.</summary>
        public bool TryUseDescriptor(Action<int> action)
        {
            bool added = false;
            try
            {
                try
                {
                    _descriptor.DangerousAddRef(ref added);
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }

                action(_descriptor.Fd);
                return true;
            }
            finally
            {
                if (added)
                {
                    _descriptor.DangerousRelease();
                }
            }
        }

        /// <summary>
        /// Marks the stream disposed, wakes any Read or Write blocked in poll, and closes the
        /// descriptor as soon as the last call using it has returned.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            bool added = false;
            try
            {
                _wake.DangerousAddRef(ref added);
                ulong one = 1;
                Libc.Write(_wake.Fd, (byte*)&one, sizeof(ulong));
            }
            finally
            {
                if (added)
                {
                    _wake.DangerousRelease();
                }
            }

            _descriptor.Dispose();
            _wake.Dispose();
        }

        private void ThrowIfDisposed()
        {
            if (IsDisposed)
            {
                throw Disposed();
            }
        }

        private ObjectDisposedException Disposed()
        {
            return new ObjectDisposedException(_name, $"the link transport {_name} was closed");
        }

        private void AddRef(FileDescriptorHandle handle, ref bool added)
        {
            try
            {
                handle.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw Disposed();
            }
        }

        internal static long Deadline(int timeoutMs)
        {
            return timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        }

        internal static int Remaining(long deadline)
        {
            if (deadline == long.MaxValue)
            {
                return -1;
            }

            long left = deadline - Environment.TickCount64;
            return left <= 0 ? 0 : (int)Math.Min(left, int.MaxValue);
        }

        private static void ValidateBuffer(byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset + count is past the end of the buffer");
            }
        }
    }
}
