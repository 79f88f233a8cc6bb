namespace ScsiBridge.Firmware.Link
{
    /// <summary>A write's data could not be supplied from the link (it stopped coming, or the
    /// bus wanted data the link had already passed on). The adapter ends the command.</summary>
    public sealed class LinkDataException : System.Exception
    {
        public LinkDataException(string message) : base(message)
        {
        }
    }
}
