// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.IO.Ports (package nanoFramework.System.IO.Ports),
// System.IO.Ports/SerialPort.cs, Parity.cs, StopBits.cs, Handshake.cs, SerialMode.cs,
// SerialData.cs, SerialDataReceivedEventArgs.cs, SerialDataReceivedEventHandler.cs (1.1.x).
// SerialPort.Encoding (a System.Text type) and the text members built on it (ReadLine,
// ReadExisting, Write(string), WriteLine) are left out: the link protocol moves bytes, and the
// firmware must not use System.Text (DESIGN.md).

using System.Runtime.CompilerServices;

namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public enum Handshake
    {
        None,
        XOnXOff,
        RequestToSend,
        RequestToSendXOnXOff,
    }

    public enum SerialMode
    {
        Normal,
        RS485,
    }

    public enum SerialData
    {
        Chars = 1,
        WatchChar = 2,
    }

    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal extern SerialDataReceivedEventArgs(SerialData eventCode);

        public extern SerialData EventType { get; }
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public sealed class SerialPort : IDisposable
    {
        // No InfiniteTimeout or DefaultNewLine constants: the timeouts take
        // System.Threading.Timeout.Infinite, and the default NewLine ("\n") is private.
        public extern SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One);

        public static extern string[] GetPortNames();

        public extern int BaudRate { get; set; }

        public extern Handshake Handshake { get; set; }

        public extern int DataBits { get; set; }

        public extern Parity Parity { get; set; }

        public extern SerialMode Mode { get; set; }

        public extern StopBits StopBits { get; set; }

        public extern string PortName { get; }

        // Write-only in nanoFramework: reading it throws NotSupportedException.
        public extern char WatchChar { set; }

        public extern bool IsOpen { get; }

        public extern string NewLine { get; set; }

        public extern int ReadTimeout { get; set; }

        public extern int WriteTimeout { get; set; }

        public extern int ReceivedBytesThreshold { get; set; }

        // Set before Open: the size of the driver's receive and transmit buffers.
        public extern int ReadBufferSize { get; set; }

        public extern int WriteBufferSize { get; set; }

        public extern Stream BaseStream { get; }

        public extern int BytesToRead
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern event SerialDataReceivedEventHandler DataReceived;

        public extern void Open();

        public extern void Close();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int Read(byte[] buffer, int offset, int count);

        public extern int ReadByte();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Write(byte[] buffer, int offset, int count);

        public extern void WriteByte(byte value);

        public extern void Dispose();
    }
}
