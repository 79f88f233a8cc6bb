namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// A medium that may grow and shrink up to a fixed capacity: a tape image, whose recorded
    /// length changes with every write (what follows a write is gone, as on a real tape).
    /// </summary>
    public interface IResizableStore : IBlockStore
    {
        /// <summary>The most bytes the medium may hold (the length of the tape).</summary>
        long Capacity { get; }

        /// <summary>Makes the medium length bytes long (0 to Capacity): cuts off what lies
        /// beyond, or grows it with zeros. False when it cannot.</summary>
        bool SetLength(long length);
    }
}
