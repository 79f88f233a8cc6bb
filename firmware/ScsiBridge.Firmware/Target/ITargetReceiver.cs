namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// A target path's receive routine: told of each buffer of data a host sent (SEND). Called
    /// on the target bus thread; it must not block. It gives every buffer back through the
    /// path's <see cref="TargetPath.Free"/>, at once or later.
    /// </summary>
    public interface ITargetReceiver
    {
        void OnReceive(TargetDelivery delivery);
    }
}
