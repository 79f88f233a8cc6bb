namespace ScsiBridge.Hal.Buffers
{
    /// <summary>Plain managed arrays, for code that never hands a buffer to native code.</summary>
    public sealed class ManagedBufferAllocator : IBufferAllocator
    {
        public byte[] Allocate(int size)
        {
            return new byte[size];
        }
    }
}
