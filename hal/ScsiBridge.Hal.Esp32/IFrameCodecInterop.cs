namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The interop component's link codec calls (Interop/NativeFrameCodec on the board, a fake in
    /// tests): data frames encoded from ring slots, and the native receiver.
    /// </summary>
    internal interface IFrameCodecInterop
    {
        /// <summary>Encodes a frame (header: type, flags, opcode, request ID) whose payload is the
        /// prefix then a slot range, into output; its length or a negative status.</summary>
        int EncodeFromSlot(int[] header, byte[] prefix, int prefixOffset, int prefixCount, int handle, int slotOffset, int count,
                           byte[] output, int outputOffset);

        /// <summary>Creates the board's one receiver; 0 or a negative status.</summary>
        int CreateReceiver();

        /// <summary>Bytes consumed, state[0] = 1 when a frame ended; or a negative status.</summary>
        int Feed(byte[] data, int offset, int count, int[] state);

        /// <summary>The current frame (InteropLayout.FrameInfoFields); 0 or a negative status.</summary>
        int Current(int[] info);

        int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count);

        int PayloadToSlot(int handle, int slotOffset, int payloadOffset, int count);

        int GetReceiverStats(int[] into);

        void ResetReceiver();
    }
}
